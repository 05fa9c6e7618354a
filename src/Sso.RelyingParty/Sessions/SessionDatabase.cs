using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Sso.RelyingParty.Sessions;

/// <summary>
/// The app's SQLite file for sessions and the logout replay cache. The schema is created on first
/// use; WAL lets readers (every request reads its session) run alongside a writer, and SQLite's
/// file locking lets several instances of the app share one file.
/// </summary>
internal sealed class SessionDatabase(IOptions<AppSessionOptions> options, IHostEnvironment environment) : IDisposable
{
    // Keys are SHA-256 hashes (hex) of the cookie's session key: whoever reads the file cannot
    // rebuild a cookie from it. Tickets are data-protected blobs. Times are Unix seconds.
    private const string Schema = """
        PRAGMA journal_mode = WAL;
        CREATE TABLE IF NOT EXISTS app_sessions (
            key_hash TEXT NOT NULL PRIMARY KEY,
            sid TEXT NULL,
            sub TEXT NULL,
            expires INTEGER NOT NULL,
            ticket BLOB NOT NULL
        );
        CREATE INDEX IF NOT EXISTS app_sessions_sid ON app_sessions (sid);
        CREATE INDEX IF NOT EXISTS app_sessions_sub ON app_sessions (sub);
        CREATE INDEX IF NOT EXISTS app_sessions_expires ON app_sessions (expires);
        CREATE TABLE IF NOT EXISTS logout_token_ids (
            jti TEXT NOT NULL PRIMARY KEY,
            expires INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS logout_token_ids_expires ON logout_token_ids (expires);
        """;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile string? _connectionString;

    /// <summary>An open connection; the caller disposes it (it goes back to the pool).</summary>
    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString ?? await InitializeAsync(cancellationToken).ConfigureAwait(false));
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<string> InitializeAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_connectionString is { } ready)
            {
                return ready;
            }

            var path = Path.GetFullPath(options.Value.SqlitePath, environment.ContentRootPath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var connectionString = new SqliteConnectionStringBuilder
            {
                DataSource = path,
                Mode = SqliteOpenMode.ReadWriteCreate,
                Pooling = true,
                // Seconds a command waits for another instance's write lock before failing.
                DefaultTimeout = 30,
            }.ToString();

            // Not in a retry-once Lazy: if the disk was briefly unavailable, the next request tries again.
            await using (var connection = new SqliteConnection(connectionString))
            {
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var command = connection.CreateCommand();
                command.CommandText = Schema;
                await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            _connectionString = connectionString;
            return connectionString;
        }
        finally
        {
            _gate.Release();
        }
    }
}
