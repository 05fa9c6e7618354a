using Microsoft.Extensions.Options;
using Sso.IdentityServer.Cluster;

namespace Sso.IdentityServer.Keys;

/// <summary>
/// Rotates the keys when the newest signing key is <see cref="ServerKeyOptions.RotationInterval"/>
/// old; a <see cref="LeasedJob"/>, so a cluster rotates once. The new key is published at once here
/// and at the other instances' next key refresh, and signs only after
/// <see cref="ServerKeyOptions.ActivationDelay"/>, as with <c>keys rotate</c>.
/// </summary>
public sealed class ScheduledKeyRotation(IServiceScopeFactory scopes, ServerKeyRing ring, IOptions<ServerKeyOptions> options,
    JobLeases leases, TimeProvider time, ILogger<ScheduledKeyRotation> logger) : LeasedJob(leases, time, logger)
{
    protected override string JobName => "keys.rotate";

    protected override TimeSpan Interval => options.Value.RefreshInterval;

    protected override bool Enabled => options.Value.RotationInterval > TimeSpan.Zero;

    protected override async Task RunAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var rotated = await scope.ServiceProvider.GetRequiredService<ServerKeyRotator>()
            .RotateIfOlderThanAsync(options.Value.RotationInterval, cancellationToken);
        if (rotated is not null)
        {
            await ring.ReloadAsync(cancellationToken);
            Logger.LogInformation("Rotated the server keys: signing key {KeyId} activates at {ActivatesAt:O}", rotated.Id, rotated.ActivatesAt);
        }
    }
}
