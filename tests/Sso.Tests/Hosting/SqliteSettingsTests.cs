using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sso.IdentityServer.Data;
using Sso.Tests.Support;
using Xunit;

namespace Sso.Tests.Hosting;

/// <summary>The SQLite store's per-connection settings, which the file itself does not keep.</summary>
public sealed class SqliteSettingsTests(IdentityServerFixture system) : IClassFixture<IdentityServerFixture>
{
    [Fact]
    public async Task EveryConnection_WaitsInsideSqliteForABusyWriteLock()
    {
        Assert.SkipWhen(system.Database.IsPostgreSql, "The busy timeout is a SQLite setting.");
        await using var scope = system.ServerServices.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SsoDbContext>();

        var timeouts = await db.Database.SqlQueryRaw<long>("PRAGMA busy_timeout").ToListAsync(TestContext.Current.CancellationToken);

        Assert.Equal(SqliteBusyTimeout.Milliseconds, Assert.Single(timeouts));
    }
}
