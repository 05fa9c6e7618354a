using Sso.RelyingParty.Sessions;

namespace Sso.RelyingParty.SingleSignOut;

/// <summary>
/// Remembers the jti of every accepted logout token until it could no longer be accepted anyway
/// (its exp plus the clock skew), so a captured token cannot be played again (Back-Channel Logout
/// 1.0 §2.6, step 9). Kept in the sessions' SQLite file, so instances sharing the file share it.
/// </summary>
internal sealed class LogoutTokenReplayCache(SessionDatabase database, TimeProvider time)
{
    /// <summary>True the first time <paramref name="tokenId"/> is seen; false for a replay.</summary>
    public async Task<bool> TryRememberAsync(string tokenId, DateTimeOffset rememberUntil, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        // One statement, so two instances racing with the same token cannot both win. A row left
        // over from an expired token (not yet purged) no longer protects anything: take it over.
        command.CommandText = """
            INSERT INTO logout_token_ids (jti, expires) VALUES ($jti, $expires)
            ON CONFLICT (jti) DO UPDATE SET expires = excluded.expires WHERE logout_token_ids.expires <= $now
            """;
        command.Parameters.AddWithValue("$jti", tokenId);
        command.Parameters.AddWithValue("$expires", rememberUntil.ToUnixTimeSeconds());
        command.Parameters.AddWithValue("$now", time.GetUtcNow().ToUnixTimeSeconds());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }
}
