using Microsoft.Extensions.Options;
using Sso.IdentityServer.Observability;

namespace Sso.IdentityServer.Sessions;

/// <summary>
/// Ends sessions that timed out even when their browser never comes back, so the apps that took
/// part are told (back-channel logout) and the table does not grow without bound.
/// </summary>
public sealed class ExpiredSessionSweeper(IServiceScopeFactory scopes, IOptions<SessionOptions> options, ServerMetrics metrics,
    TimeProvider time, ILogger<ExpiredSessionSweeper> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.CleanupInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
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
}
