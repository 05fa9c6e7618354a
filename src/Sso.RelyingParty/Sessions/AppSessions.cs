using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Sso.RelyingParty.Sessions;

/// <summary>
/// The rows of this app's sessions: one per signed-in browser, found by the hash of its cookie's
/// key, or by the OpenID Connect session id (<c>sid</c>) and subject (<c>sub</c>) when the identity
/// server says a session has ended (OpenID Connect Back-Channel Logout 1.0 §2.7).
/// </summary>
public sealed class AppSessions
{
    private readonly SessionDatabase _database;
    private readonly TimeProvider _time;

    internal AppSessions(SessionDatabase database, TimeProvider time)
    {
        _database = database;
        _time = time;
    }

    internal async Task InsertAsync(string keyHash, SessionRow row, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO app_sessions (key_hash, sid, sub, expires, ticket) VALUES ($key, $sid, $sub, $expires, $ticket)";
        Bind(command, keyHash, row);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Replaces the ticket of an existing row only. A session ended meanwhile (back-channel logout,
    /// sign-out in another tab) is never brought back by a late renewal of the same cookie.
    /// </summary>
    internal async Task<bool> UpdateAsync(string keyHash, SessionRow row, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE app_sessions SET sid = $sid, sub = $sub, expires = $expires, ticket = $ticket WHERE key_hash = $key";
        Bind(command, keyHash, row);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
    }

    /// <summary>The protected ticket of a live session, or null when it ended or expired.</summary>
    internal async Task<byte[]?> ReadTicketAsync(string keyHash, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ticket FROM app_sessions WHERE key_hash = $key AND expires > $now";
        command.Parameters.AddWithValue("$key", keyHash);
        command.Parameters.AddWithValue("$now", Now());
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[];
    }

    internal async Task DeleteAsync(string keyHash, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM app_sessions WHERE key_hash = $key";
        command.Parameters.AddWithValue("$key", keyHash);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Ends every session of the identity server's session <paramref name="sessionId"/>; when
    /// <paramref name="subject"/> is given, only those that also belong to that subject
    /// (Back-Channel Logout §2.6: sid and sub, when both present, name the same session).
    /// Returns the subjects of the ended sessions.
    /// </summary>
    public Task<IReadOnlyList<string>> EndBySessionIdAsync(string sessionId, string? subject, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(sessionId);
        return EndAsync(
            "DELETE FROM app_sessions WHERE sid = $sid AND ($sub IS NULL OR sub = $sub) RETURNING sub",
            command =>
            {
                command.Parameters.AddWithValue("$sid", sessionId);
                command.Parameters.AddWithValue("$sub", (object?)subject ?? DBNull.Value);
            },
            cancellationToken);
    }

    /// <summary>Ends every session of <paramref name="subject"/> in this app (a logout token with sub and no sid).</summary>
    public Task<IReadOnlyList<string>> EndBySubjectAsync(string subject, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(subject);
        return EndAsync(
            "DELETE FROM app_sessions WHERE sub = $sub RETURNING sub",
            command => command.Parameters.AddWithValue("$sub", subject),
            cancellationToken);
    }

    /// <summary>How many live sessions <paramref name="subject"/> has in this app.</summary>
    public async Task<int> CountBySubjectAsync(string subject, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM app_sessions WHERE sub = $sub AND expires > $now";
        command.Parameters.AddWithValue("$sub", subject);
        command.Parameters.AddWithValue("$now", Now());
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture);
    }

    /// <summary>Deletes expired sessions and logout token ids no longer needed against replay.</summary>
    internal async Task<int> PurgeExpiredAsync(CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM app_sessions WHERE expires <= $now; DELETE FROM logout_token_ids WHERE expires <= $now;";
        command.Parameters.AddWithValue("$now", Now());
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<string>> EndAsync(string sql, Action<SqliteCommand> bind, CancellationToken cancellationToken)
    {
        await using var connection = await _database.OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        bind(command);
        var subjects = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.IsDBNullAsync(0, cancellationToken).ConfigureAwait(false))
            {
                subjects.Add(reader.GetString(0));
            }
        }

        return subjects;
    }

    private static void Bind(SqliteCommand command, string keyHash, SessionRow row)
    {
        command.Parameters.AddWithValue("$key", keyHash);
        command.Parameters.AddWithValue("$sid", (object?)row.SessionId ?? DBNull.Value);
        command.Parameters.AddWithValue("$sub", (object?)row.Subject ?? DBNull.Value);
        command.Parameters.AddWithValue("$expires", row.ExpiresAt.ToUnixTimeSeconds());
        command.Parameters.AddWithValue("$ticket", row.ProtectedTicket);
    }

    private long Now() => _time.GetUtcNow().ToUnixTimeSeconds();
}
