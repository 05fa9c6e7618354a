using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sso.IdentityServer;
using Sso.IdentityServer.Data;
using Sso.Tests.Support;
using Xunit;

namespace Sso.Tests.Hosting;

/// <summary>The SQLite store's per-connection settings, which the file itself does not keep.</summary>
public sealed class SqliteSettingsTests(IdentityServerFixture system) : IClassFixture<IdentityServerFixture>
{
    // SQLite's numbers for PRAGMA synchronous.
    private const long Normal = 1;
    private const long Full = 2;

    [Fact]
    public async Task EveryConnection_WaitsInsideSqliteForABusyWriteLock()
    {
        Assert.SkipWhen(system.Database.IsPostgreSql, "The busy timeout is a SQLite setting.");

        Assert.Equal(SqliteConnectionSettings.BusyTimeoutMilliseconds, await PragmaAsync(system.ServerServices, "busy_timeout"));
    }

    [Fact]
    public async Task ByDefault_CommitsAreSyncedAtCheckpointsNotEachCommit()
    {
        Assert.SkipWhen(system.Database.IsPostgreSql, "synchronous is a SQLite setting.");

        Assert.Equal(Normal, await PragmaAsync(system.ServerServices, "synchronous"));
    }

    [Fact]
    public async Task SqliteSynchronousFull_SyncsEveryCommit_OnEveryConnection()
    {
        Assert.SkipWhen(system.Database.IsPostgreSql, "synchronous is a SQLite setting.");
        await using var server = await StartOwnServerAsync(("Database:SqliteSynchronous", "Full"));

        // Twice: the setting must hold for a connection the pool hands out again, too.
        Assert.Equal(Full, await PragmaAsync(server.Services, "synchronous"));
        Assert.Equal(Full, await PragmaAsync(server.Services, "synchronous"));
        Assert.Equal(SqliteConnectionSettings.BusyTimeoutMilliseconds, await PragmaAsync(server.Services, "busy_timeout"));
    }

    [Theory]
    [InlineData("Off")]
    [InlineData("7")]
    public async Task AnyOtherSqliteSynchronous_StopsTheServerAtStart_NamingTheKey(string value)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var server = await StartOwnServerAsync(("Database:SqliteSynchronous", value));
        });

        Assert.Contains("SqliteSynchronous", failure.ToString(), StringComparison.Ordinal);
    }

    private static async Task<long> PragmaAsync(IServiceProvider services, string pragma)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SsoDbContext>();
        var sql = pragma switch
        {
            "busy_timeout" => "PRAGMA busy_timeout",
            "synchronous" => "PRAGMA synchronous",
            _ => throw new ArgumentOutOfRangeException(nameof(pragma)),
        };
        var values = await db.Database.SqlQueryRaw<long>(sql).ToListAsync(TestContext.Current.CancellationToken);
        return Assert.Single(values);
    }

    private static async Task<AppFactory<IdentityServerEntryPoint>> StartOwnServerAsync((string Key, string Value) setting)
    {
        var directory = Directory.CreateTempSubdirectory("sso-sqlite-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Server:Issuer"] = "http://localhost:1/",
            ["Database:SqlitePath"] = Path.Combine(directory, "sso.db"),
            [setting.Key] = setting.Value,
        };
        return await new AppFactory<IdentityServerEntryPoint>(settings).StartAsync(FreePort.Next());
    }
}
