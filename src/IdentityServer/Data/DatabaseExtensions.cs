using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Sso.IdentityServer.Data;

public static class DatabaseExtensions
{
    public static IServiceCollection AddSsoDatabase(this IServiceCollection services)
    {
        services.AddOptions<DatabaseOptions>()
            .BindConfiguration(DatabaseOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddDbContext<SsoDbContext>((provider, options) =>
        {
            var database = provider.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            var environment = provider.GetRequiredService<IHostEnvironment>();
            options.UseSqlite(SqliteConnectionString(database, environment));
            options.UseOpenIddict();
        });
        return services;
    }

    /// <summary>
    /// Creates or upgrades the schema with the committed migrations, so that a newer version of the
    /// server upgrades an existing database in place.
    /// </summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SsoDbContext>();
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

    internal static string SqliteConnectionString(DatabaseOptions database, IHostEnvironment environment)
    {
        var path = Path.IsPathRooted(database.SqlitePath)
            ? database.SqlitePath
            : Path.Combine(environment.ContentRootPath, database.SqlitePath);
        return new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Pooling = true,
            DefaultTimeout = 30,
        }.ToString();
    }
}
