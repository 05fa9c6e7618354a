namespace Sso.IdentityServer.Data;

/// <summary>Where the server keeps its state. SQLite is the embedded default; PostgreSQL is for several instances.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Path of the SQLite file, relative to the content root unless absolute (Provider = Sqlite).</summary>
    public string SqlitePath { get; set; } = ".data/sso.db";

    /// <summary>
    /// How long a SQLite statement waits for another writer's lock before the request gives up with a
    /// 503 (Provider = Sqlite). Writers normally hold it for milliseconds; waiting long lets an
    /// overloaded server queue rather than fail, but a file held by another process is not a hang forever.
    /// </summary>
    public TimeSpan SqliteLockTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// SQLite's durability per commit (Provider = Sqlite): Normal (a power loss may undo the last
    /// transactions, a process crash never) or Full (every commit synced to disk first).
    /// </summary>
    public SqliteSynchronous SqliteSynchronous { get; set; } = SqliteSynchronous.Normal;

    /// <summary>An Npgsql connection string (Provider = PostgreSql). Keep the password out of appsettings.json.</summary>
    public string? ConnectionString { get; set; }
}
