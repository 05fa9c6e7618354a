namespace Sso.IdentityServer.Hosting;

/// <summary>Where load balancers and scripts ask whether an instance is up.</summary>
public static class HealthRoutes
{
    /// <summary>Every check (kept for the scripts that already poll it).</summary>
    public const string Health = "/health";

    public const string Live = "/health/live";

    public const string Ready = "/health/ready";

    public const string ReadyTag = "ready";
}
