using Microsoft.Extensions.Options;
using Sso.IdentityServer.Cluster;
using Sso.IdentityServer.Observability;

namespace Sso.IdentityServer.Sessions;

/// <summary>
/// Ends sessions that timed out even when their browser never comes back, so the apps that took
/// part are told (back-channel logout) and the table does not grow without bound. A
/// <see cref="LeasedJob"/>, so a cluster ends each session once.
/// </summary>
public sealed class ExpiredSessionSweeper(IServiceScopeFactory scopes, IOptions<SessionOptions> options, ServerMetrics metrics,
    JobLeases leases, TimeProvider time, ILogger<ExpiredSessionSweeper> logger) : LeasedJob(leases, time, logger)
{
    protected override string JobName => "sessions.sweep-expired";

    protected override TimeSpan Interval => options.Value.CleanupInterval;

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var sessions = scope.ServiceProvider.GetRequiredService<UserSessions>();
        var ended = await sessions.EndExpiredAsync(cancellationToken);
        metrics.ActiveSessions(await sessions.CountLiveAsync(cancellationToken));
        if (ended > 0)
        {
            Logger.LogInformation("Ended {Count} expired sessions", ended);
        }
    }
}
