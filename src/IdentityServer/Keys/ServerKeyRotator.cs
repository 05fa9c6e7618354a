using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sso.IdentityServer.Data;
using Sso.IdentityServer.Protocol;

namespace Sso.IdentityServer.Keys;

/// <summary>Rotates the server's keys: the new ones are stored now and activate after a delay.</summary>
public sealed class ServerKeyRotator(
    SsoDbContext db,
    IOptions<ServerKeyOptions> options,
    IOptions<TokenLifetimeOptions> lifetimes,
    TimeProvider time)
{
    /// <summary>
    /// Adds a new signing key and a new encryption key, both activating after
    /// <paramref name="activationDelay"/> (default: <see cref="ServerKeyOptions.ActivationDelay"/>),
    /// and deletes keys that no longer protect any live token.
    /// </summary>
    public async Task<ServerKey> RotateAsync(TimeSpan? activationDelay = null, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var activatesAt = now + (activationDelay ?? options.Value.ActivationDelay);
        var signing = ServerKeyFactory.NewSigningKey(options.Value.SigningAlgorithm, options.Value.RsaKeySize, now, activatesAt);
        db.ServerKeys.Add(signing);

        // Instances learn new keys on their next refresh, so an encryption key may only be used
        // once every instance can decrypt with it: it waits like the signing key.
        db.ServerKeys.Add(ServerKeyFactory.NewEncryptionKey(now, activatesAt));

        var existing = await db.ServerKeys.ToListAsync(cancellationToken);
        db.ServerKeys.RemoveRange(ServerKeySchedule.Expired(existing, now, lifetimes.Value.Longest));
        await db.SaveChangesAsync(cancellationToken);
        return signing;
    }

    /// <summary>Rotates when the newest signing key (active or waiting) was made at least <paramref name="maxAge"/> ago.</summary>
    /// <returns>The new signing key, or null when the newest one is younger.</returns>
    public async Task<ServerKey?> RotateIfOlderThanAsync(TimeSpan maxAge, CancellationToken cancellationToken = default)
    {
        // A handful of rows: compared here rather than in SQL, where the stored form of the instants differs by provider.
        var made = await db.ServerKeys.AsNoTracking().Where(key => key.Use == ServerKeyUse.Signing).Select(key => key.CreatedAt).ToListAsync(cancellationToken);
        if (made.Count > 0 && time.GetUtcNow() - made.Max() < maxAge)
        {
            return null;
        }

        return await RotateAsync(cancellationToken: cancellationToken);
    }

    public async Task<IReadOnlyList<ServerKey>> ListAsync(CancellationToken cancellationToken = default) =>
        (await db.ServerKeys.AsNoTracking().ToListAsync(cancellationToken))
            .OrderByDescending(key => key.ActivatesAt)
            .ToList();
}
