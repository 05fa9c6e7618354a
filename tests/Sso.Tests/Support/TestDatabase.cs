using Npgsql;

namespace Sso.Tests.Support;

/// <summary>
/// The database of one test system. SQLite by default: a file in the system's temp folder. When
/// <c>SSO_TEST_POSTGRES</c> holds a connection string to a PostgreSQL server (a role allowed to
/// create databases, no database named), each system gets a fresh database there, dropped at the end,
/// so the same scenarios prove both providers and parallel classes never share state.
/// </summary>
public sealed class TestDatabase(string sqlitePath) : IAsyncDisposable
{
    public const string PostgresVariable = "SSO_TEST_POSTGRES";

    private readonly string _postgresName = "sso_test_" + Guid.NewGuid().ToString("N");
    private bool _created;

    /// <summary>The PostgreSQL server the tests may use, or null to stay on SQLite.</summary>
    public static string? PostgresServer =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public bool IsPostgreSql { get; } = PostgresServer is not null;

    /// <summary>The SQLite file (meaningful only when <see cref="IsPostgreSql"/> is false).</summary>
    public string SqlitePath => sqlitePath;

    public string PostgresConnectionString =>
        new NpgsqlConnectionStringBuilder(PostgresServer) { Database = _postgresName }.ToString();

    /// <summary>The server's <c>Database:*</c> settings for this database.</summary>
    public Dictionary<string, string?> Settings => IsPostgreSql
        ? new() { ["Database:Provider"] = "PostgreSql", ["Database:ConnectionString"] = PostgresConnectionString }
        : new() { ["Database:SqlitePath"] = SqlitePath };

    public async Task CreateAsync(CancellationToken cancellationToken)
    {
        if (!IsPostgreSql || _created)
        {
            return;
        }

        await ExecuteOnServerAsync($"CREATE DATABASE \"{_postgresName}\"", cancellationToken);
        _created = true;
    }

    public async ValueTask DisposeAsync()
    {
        if (_created)
        {
            NpgsqlConnection.ClearAllPools();
            await DropAsync();
            _created = false;
        }
    }

    private async Task DropAsync()
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                // FORCE ends the connections a stopped server's pool may still hold (PostgreSQL 13+).
                await ExecuteOnServerAsync($"DROP DATABASE IF EXISTS \"{_postgresName}\" WITH (FORCE)", CancellationToken.None);
                return;
            }
            catch (PostgresException busy) when (attempt < 20 && busy.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                // An autovacuum worker on the database, which a role without pg_signal_backend may
                // not end (it belongs to no role); it finishes a test database's tables quickly.
                await Task.Delay(500);
            }
        }
    }

    private static async Task ExecuteOnServerAsync(string sql, CancellationToken cancellationToken)
    {
        var server = new NpgsqlConnectionStringBuilder(PostgresServer) { Database = "postgres", Pooling = false };
        await using var connection = new NpgsqlConnection(server.ToString());
        await connection.OpenAsync(cancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
