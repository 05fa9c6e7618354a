using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Server;
using Sso.IdentityServer.Data;
using Sso.IdentityServer.Protocol;

namespace Sso.IdentityServer.Keys;

/// <summary>
/// The keys this instance uses right now, read from the shared database. When the set changes (a
/// rotation, possibly made by another instance or the command line, or a pending key reaching its
/// activation time) it signals OpenIddict to rebuild its options, so no restart is needed.
/// </summary>
public sealed class ServerKeyRing(
    IServiceScopeFactory scopes,
    IOptions<ServerKeyOptions> keyOptions,
    IOptions<TokenLifetimeOptions> lifetimes,
    TimeProvider time,
    ILogger<ServerKeyRing> logger) : IOptionsChangeTokenSource<OpenIddictServerOptions>, IDisposable
{
    private readonly Lock _gate = new();
    private CancellationTokenSource _changed = new();
    private string _fingerprint = "";
    private long _generation;

    public IReadOnlyList<SigningCredentials> SigningCredentials { get; private set; } = [];

    public IReadOnlyList<EncryptingCredentials> EncryptingCredentials { get; private set; } = [];

    /// <summary>
    /// Changes each time OpenIddict has been told of a new set of keys (after its options were
    /// invalidated), so what is derived from the keys, the cached JWKS and discovery document, can
    /// be keyed by it: a document built from the previous set can never be served as current.
    /// </summary>
    public long Generation => Interlocked.Read(ref _generation);

    string IOptionsChangeTokenSource<OpenIddictServerOptions>.Name => Options.DefaultName;

    /// <summary>A key must outlive every token it protected: the longest token lifetime.</summary>
    public TimeSpan Retention => lifetimes.Value.Longest;

    IChangeToken IOptionsChangeTokenSource<OpenIddictServerOptions>.GetChangeToken()
    {
        lock (_gate)
        {
            return new CancellationChangeToken(_changed.Token);
        }
    }

    /// <summary>
    /// Loads the keys from the database, creating the first signing and encryption keys on a fresh
    /// database, and publishes any change to OpenIddict.
    /// </summary>
    public async Task ReloadAsync(CancellationToken cancellationToken = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SsoDbContext>();
        var keys = await db.ServerKeys.AsNoTracking().ToListAsync(cancellationToken);
        var now = time.GetUtcNow();

        if (await AddMissingKeysAsync(db, keys, now, cancellationToken))
        {
            keys = await db.ServerKeys.AsNoTracking().ToListAsync(cancellationToken);
        }

        var signing = ServerKeySchedule.Select(keys, ServerKeyUse.Signing, now, Retention);
        var encryption = ServerKeySchedule.Select(keys, ServerKeyUse.Encryption, now, Retention);
        var fingerprint = string.Join(',', signing.Select(key => key.Id)) + "|" + string.Join(',', encryption.Select(key => key.Id));
        if (fingerprint == _fingerprint)
        {
            return;
        }

        SigningCredentials = signing.Select(ServerKeyFactory.ToSigningCredentials).ToList();
        EncryptingCredentials = encryption.Select(ServerKeyFactory.ToEncryptingCredentials).ToList();
        logger.LogInformation("Server keys loaded: signing with {SigningKeyId}, {PublishedCount} signing keys published",
            signing[0].Id, signing.Count);

        CancellationTokenSource previous;
        lock (_gate)
        {
            _fingerprint = fingerprint;
            previous = _changed;
            _changed = new CancellationTokenSource();
        }

        await previous.CancelAsync();
        previous.Dispose();
        Interlocked.Increment(ref _generation);
    }

    // A fresh database (or a newly configured algorithm) gets keys that are active at once:
    // nobody can have cached a JWKS yet, so there is nothing to wait for.
    private async Task<bool> AddMissingKeysAsync(SsoDbContext db, List<ServerKey> keys, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var options = keyOptions.Value;
        var added = false;
        var signing = ServerKeySchedule.Select(keys, ServerKeyUse.Signing, now, Retention);
        if (signing.Count == 0 || signing[0].ActivatesAt > now || signing[0].Algorithm != options.SigningAlgorithm)
        {
            db.ServerKeys.Add(ServerKeyFactory.NewSigningKey(options.SigningAlgorithm, options.RsaKeySize, now, now));
            added = true;
        }

        if (!keys.Any(key => key.Use == ServerKeyUse.Encryption))
        {
            db.ServerKeys.Add(ServerKeyFactory.NewEncryptionKey(now, now));
            added = true;
        }

        if (added)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        return added;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _changed.Dispose();
        }
    }
}
