namespace Sso.IdentityServer.Data;

/// <summary>Where the server keeps its state. SQLite is the embedded default; PostgreSQL is for several instances.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Path of the SQLite file, relative to the content root unless absolute (Provider = Sqlite).</summary>
    public string SqlitePath { get; set; } = ".data/sso.db";

    /// <summary>An Npgsql connection string (Provider = PostgreSql). Keep the password out of appsettings.json.</summary>
    public string? ConnectionString { get; set; }
}
