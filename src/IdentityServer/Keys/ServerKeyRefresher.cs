using Microsoft.Extensions.Options;

namespace Sso.IdentityServer.Keys;

/// <summary>Re-reads the key table on a timer so rotations and activations take effect without a restart.</summary>
public sealed class ServerKeyRefresher(ServerKeyRing ring, IOptions<ServerKeyOptions> options, TimeProvider time, ILogger<ServerKeyRefresher> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await ring.ReloadAsync(stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Keep serving with the keys we have; the next tick tries again.
                logger.LogWarning(exception, "Reloading server keys failed");
            }
        }
    }
}
