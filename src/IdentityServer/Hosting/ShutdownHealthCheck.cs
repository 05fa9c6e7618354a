using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Sso.IdentityServer.Hosting;

/// <summary>
/// Not ready once shutdown has begun, so a load balancer that polls readiness stops sending new
/// people here while the requests in flight finish.
/// </summary>
public sealed class ShutdownHealthCheck(IHostApplicationLifetime lifetime) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(lifetime.ApplicationStopping.IsCancellationRequested
            ? HealthCheckResult.Unhealthy("Shutting down.")
            : HealthCheckResult.Healthy());
}
