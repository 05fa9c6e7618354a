using Microsoft.EntityFrameworkCore;
using Sso.IdentityServer.Data;

namespace Sso.IdentityServer.Clients.DynamicRegistration;

/// <summary>Issues initial access tokens and spends them when a client registers with one.</summary>
public sealed class InitialAccessTokens(SsoDbContext db, TimeProvider time)
{
    /// <summary>Issues a token; the returned string is the only copy, its hash is stored.</summary>
    public async Task<(string Token, InitialAccessToken Stored)> IssueAsync(
        TimeSpan lifetime, bool singleUse, string? description, CancellationToken cancellationToken = default)
    {
        if (lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(lifetime), "An initial access token must live a while.");
        }

        var token = OpaqueTokens.Generate();
        var now = time.GetUtcNow();
        var stored = new InitialAccessToken
        {
            Id = Guid.NewGuid().ToString("N"),
            TokenHash = OpaqueTokens.Hash(token),
            Description = description is { Length: > 200 } ? description[..200] : description,
            CreatedAt = now,
            ExpiresAt = now + lifetime,
            SingleUse = singleUse,
        };
        db.Add(stored);
        await db.SaveChangesAsync(cancellationToken);
        return (token, stored);
    }

    /// <summary>
    /// Spends <paramref name="token"/>: true when it is known, unexpired and (if single-use) not yet
    /// spent. A single-use token is marked spent in one conditional UPDATE, so two registrations
    /// racing with it cannot both win. Call inside the transaction that registers the client, so a
    /// refused registration does not spend it.
    /// </summary>
    public async Task<bool> TrySpendAsync(string token, CancellationToken cancellationToken = default)
    {
        var hash = OpaqueTokens.Hash(token);
        var now = time.GetUtcNow();
        var found = await db.Set<InitialAccessToken>().AsNoTracking()
            .Where(stored => stored.TokenHash == hash && stored.ExpiresAt > now)
            .Select(stored => new { stored.Id, stored.SingleUse })
            .SingleOrDefaultAsync(cancellationToken);
        if (found is null)
        {
            return false;
        }

        if (!found.SingleUse)
        {
            return true;
        }

        return await db.Set<InitialAccessToken>()
            .Where(stored => stored.Id == found.Id && stored.UsedAt == null)
            .ExecuteUpdateAsync(setters => setters.SetProperty(stored => stored.UsedAt, now), cancellationToken) == 1;
    }

    /// <summary>Records which client a single-use token registered (for the operator's records).</summary>
    public async Task RecordUseAsync(string token, string clientId, CancellationToken cancellationToken = default)
    {
        var hash = OpaqueTokens.Hash(token);
        await db.Set<InitialAccessToken>()
            .Where(stored => stored.TokenHash == hash && stored.SingleUse)
            .ExecuteUpdateAsync(setters => setters.SetProperty(stored => stored.UsedByClientId, clientId), cancellationToken);
    }
}
