using Microsoft.Extensions.Options;
using Sso.IdentityServer.Cluster;

namespace Sso.IdentityServer.Keys;

/// <summary>
/// Rotates the keys when the newest signing key is <see cref="ServerKeyOptions.RotationInterval"/>
/// old. Every instance ticks; only the holder of the job's lease checks, so a cluster rotates once.
/// The new key is published at once here and at the other instances' next key refresh, and signs
/// only after <see cref="ServerKeyOptions.ActivationDelay"/>, as with <c>keys rotate</c>.
/// </summary>
public sealed class ScheduledKeyRotation(IServiceScopeFactory scopes, ServerKeyRing ring, IOptions<ServerKeyOptions> options,
    JobLeases leases, TimeProvider time, ILogger<ScheduledKeyRotation> logger) : BackgroundService
{
    public const string JobName = "keys.rotate";

    private TimeSpan LeaseDuration => options.Value.RefreshInterval * 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RotationInterval <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.RefreshInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                if (!await leases.TryHoldAsync(JobName, LeaseDuration, stoppingToken))
                {
                    continue;
                }

                await using var scope = scopes.CreateAsyncScope();
                var rotated = await scope.ServiceProvider.GetRequiredService<ServerKeyRotator>()
                    .RotateIfOlderThanAsync(options.Value.RotationInterval, stoppingToken);
                if (rotated is not null)
                {
                    await ring.ReloadAsync(stoppingToken);
                    logger.LogInformation("Rotated the server keys: signing key {KeyId} activates at {ActivatesAt:O}", rotated.Id, rotated.ActivatesAt);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A locked or unreachable database: try again at the next tick.
                logger.LogWarning(exception, "Checking whether the server keys are due for rotation failed");
            }
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await leases.ReleaseAsync(JobName, cancellationToken);
    }
}
