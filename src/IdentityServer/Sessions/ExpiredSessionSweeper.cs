using Microsoft.Extensions.Options;
using Sso.IdentityServer.Cluster;
using Sso.IdentityServer.Observability;

namespace Sso.IdentityServer.Sessions;

/// <summary>
/// Ends sessions that timed out even when their browser never comes back, so the apps that took
/// part are told (back-channel logout) and the table does not grow without bound. Every instance
/// ticks; only the holder of the job's lease sweeps, so a cluster ends each session once.
/// </summary>
public sealed class ExpiredSessionSweeper(IServiceScopeFactory scopes, IOptions<SessionOptions> options, ServerMetrics metrics,
    JobLeases leases, TimeProvider time, ILogger<ExpiredSessionSweeper> logger) : BackgroundService
{
    public const string JobName = "sessions.sweep-expired";

    // Several ticks, so one slow sweep or a little clock skew does not hand the job over.
    private TimeSpan LeaseDuration => options.Value.CleanupInterval * 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (!await leases.TryHoldAsync(JobName, LeaseDuration, stoppingToken))
                {
                    continue;
                }

                await using var scope = scopes.CreateAsyncScope();
                var sessions = scope.ServiceProvider.GetRequiredService<UserSessions>();
                var ended = await sessions.EndExpiredAsync(stoppingToken);
                metrics.ActiveSessions(await sessions.CountLiveAsync(stoppingToken));
                if (ended > 0)
                {
                    logger.LogInformation("Ended {Count} expired sessions", ended);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A locked or unreachable database: try again at the next tick.
                logger.LogWarning(exception, "Sweeping expired sessions failed");
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await leases.ReleaseAsync(JobName, cancellationToken);
    }
}
