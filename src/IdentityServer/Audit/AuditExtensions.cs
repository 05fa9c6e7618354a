namespace Sso.IdentityServer.Audit;

public static class AuditExtensions
{
    /// <summary>The audit trail: security events stored in the shared database for admins to browse.</summary>
    public static IServiceCollection AddAudit(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddScoped<AuditTrail>();
        return services;
    }
}
