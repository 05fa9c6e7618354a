using System.Net;
using Microsoft.Data.Sqlite;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Resilience;

/// <summary>
/// On SQLite "the database is unavailable" means another process holds the file's write lock (a
/// backup tool, a stuck script): the server waits its busy timeout, then answers 503, never a 500 or
/// a hang, and works again once the lock is gone.
/// </summary>
public sealed class SqliteLockTests(SqliteLockTests.ShortLockTimeoutSystem system) : IClassFixture<SqliteLockTests.ShortLockTimeoutSystem>
{
    /// <summary>The server waits 2 s for a lock (30 s by default), so the test need not wait half a minute.</summary>
    public sealed class ShortLockTimeoutSystem() : SsoSystem(withApps: false)
    {
        protected override void ConfigureServer(IDictionary<string, string?> settings) =>
            settings["Database:SqliteLockTimeout"] = "00:00:02";
    }

    [Fact]
    public async Task WhileAnotherProcessHoldsTheWriteLock_WritesAnswer503_AndWorkAgainAfterwards()
    {
        Assert.SkipWhen(system.Database.IsPostgreSql, "A SQLite file lock; the PostgreSQL outage is DatabaseOutageTests.");
        using var client = system.CreateClient();
        var tokens = await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);

        await using (var holder = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = system.DatabasePath, Pooling = false }.ToString()))
        {
            await holder.OpenAsync(TestContext.Current.CancellationToken);
            await using var exclusive = holder.CreateCommand();
            exclusive.CommandText = "BEGIN EXCLUSIVE;";
            await exclusive.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);

            var refresh = await client.RefreshAsync(tokens.RefreshToken!);

            Assert.Equal(HttpStatusCode.ServiceUnavailable, refresh.Status);
            Assert.Equal("temporarily_unavailable", refresh.Error);
            Assert.NotNull(refresh.Headers.RetryAfter);
        }

        var refreshed = await client.RefreshAsync(tokens.RefreshToken!);
        Assert.True(refreshed.AccessToken is not null, refreshed.Body);
    }
}
