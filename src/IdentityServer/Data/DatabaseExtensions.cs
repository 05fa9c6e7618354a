using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace Sso.IdentityServer.Data;

public static class DatabaseExtensions
{
    /// <summary>
    /// The server's database, on the provider chosen by <c>Database:Provider</c>. Both contexts are
    /// registered; <see cref="SsoDbContext"/> resolves to the configured one, so every feature (Identity,
    /// OpenIddict, data protection, health) stays unaware of which engine it talks to.
    /// </summary>
    public static IServiceCollection AddSsoDatabase(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DatabaseOptions>, DatabaseOptionsValidator>();

        // Pooled: a token request resolves the context several times over (OpenIddict's stores,
        // Identity, sessions); leasing a reset instance skips building its services each request.
        // The contexts hold no per-request state of their own.
        services.AddDbContextPool<SqliteSsoDbContext>((provider, options) =>
        {
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var environment = provider.GetRequiredService<IHostEnvironment>();
            options.UseSqlite(SqliteConnectionString(database, environment));
            options.AddInterceptors(new SqliteConnectionSettings(database.SqliteSynchronous));
            options.UseOpenIddict();
        });
        services.AddDbContextPool<PostgreSqlSsoDbContext>((provider, options) =>
        {
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            options.UseNpgsql(database.ConnectionString);
            options.UseOpenIddict();
        });
        services.AddScoped<SsoDbContext>(provider =>
            provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.PostgreSql
                ? provider.GetRequiredService<PostgreSqlSsoDbContext>()
                : provider.GetRequiredService<SqliteSsoDbContext>());
        return services;
    }

    /// <summary>
    /// Creates or upgrades the schema with the committed migrations, so that a newer version of the
    /// server upgrades an existing database in place. On PostgreSQL, EF Core holds a lock while it
    /// migrates, so instances starting together apply each migration once.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        if (scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider == DatabaseProvider.PostgreSql)
        {
            await using var migrating = PostgreSqlMigrationContext(scope.ServiceProvider);
            await migrating.Database.MigrateAsync(cancellationToken);
            return;
        }

        var db = scope.ServiceProvider.GetRequiredService<SqliteSsoDbContext>();
        var connection = (SqliteConnection)db.Database.GetDbConnection();
        var directory = Path.GetDirectoryName(connection.DataSource);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        await db.Database.MigrateAsync(cancellationToken);

        // WAL lets readers proceed while a token is written; the setting is stored in the file.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
    }

    /// <summary>
    /// Npgsql learns whether the migration history table exists by reading it, so the first start on
    /// an empty database logs that failed read as an error although nothing is wrong (efcore#37328).
    /// Operators alert on errors: while migrating, a failed command is logged at Debug. A migration
    /// that really fails still throws, and the server does not start.
    /// </summary>
    private static PostgreSqlSsoDbContext PostgreSqlMigrationContext(IServiceProvider services)
    {
        var options = new DbContextOptionsBuilder<PostgreSqlSsoDbContext>(services.GetRequiredService<DbContextOptions<PostgreSqlSsoDbContext>>())
            .ConfigureWarnings(warnings => warnings.Log((RelationalEventId.CommandError, LogLevel.Debug)))
            .Options;
        return new PostgreSqlSsoDbContext(options);
    }

    internal static string SqliteConnectionString(DatabaseOptions database, IHostEnvironment environment)
    {
        var path = Path.IsPathRooted(database.SqlitePath)
            ? database.SqlitePath
            : Path.Combine(environment.ContentRootPath, database.SqlitePath);
        return new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            // Microsoft.Data.Sqlite keeps retrying a busy statement until this much time has passed
            // (SQLite's own busy timeout first waits 5 s of it). Beyond that the file is held by
            // someone else (a backup, a stuck script) and the request is answered 503 (Resilience/).
            // Long enough that an overloaded server's writers queue rather than fail (bench/soak.sh).
            DefaultTimeout = (int)Math.Ceiling(database.SqliteLockTimeout.TotalSeconds),
        }.ToString();
    }
}
