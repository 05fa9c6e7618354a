using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Sso.RelyingParty.SecurityHeaders;

public static class SecurityHeadersApplicationBuilderExtensions
{
    /// <summary>
    /// Adds <see cref="SecurityHeadersMiddleware"/>, plus HSTS outside Development (Development
    /// runs on plain http on loopback, where HSTS would only get in the way).
    /// </summary>
    public static IApplicationBuilder UseSsoSecurityHeaders(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        if (!app.ApplicationServices.GetRequiredService<IHostEnvironment>().IsDevelopment())
        {
            app.UseHsts();
        }

        return app.UseMiddleware<SecurityHeadersMiddleware>();
    }
}
