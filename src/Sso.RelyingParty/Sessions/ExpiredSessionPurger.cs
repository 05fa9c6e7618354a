using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sso.RelyingParty.Sessions;

/// <summary>
/// Deletes expired sessions and expired logout token ids every <see cref="AppSessionOptions.PurgeInterval"/>.
/// Expired rows are already ignored when read; this only keeps the file from growing.
/// </summary>
internal sealed class ExpiredSessionPurger(
    AppSessions sessions,
    IOptions<AppSessionOptions> options,
    TimeProvider time,
    ILogger<ExpiredSessionPurger> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.PurgeInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await PurgeAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping.
        }
    }

    private async Task PurgeAsync(CancellationToken cancellationToken)
    {
        try
        {
            var deleted = await sessions.PurgeExpiredAsync(cancellationToken).ConfigureAwait(false);
            logger.LogDebug("Purged {Count} expired sessions and logout token ids.", deleted);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // A busy or missing file must not stop the app (an unhandled exception here would):
            // the next tick tries again.
            logger.LogWarning(exception, "Purging expired sessions failed.");
        }
    }
}
