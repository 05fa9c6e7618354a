using Sso.Tests.Support;
using Xunit;

namespace Sso.Tests.Cluster;

/// <summary>An instance's first start on an empty database (SQLite, or PostgreSQL in CI's second run).</summary>
public sealed class FreshDatabaseTests(LoggedServerFixture system) : IClassFixture<LoggedServerFixture>
{
    [Fact]
    public async Task FirstStart_CreatesTheSchema_AndLogsNoError()
    {
        using var client = system.CreateClient(TestAccounts.Reporting, TestAccounts.ReportingSecret);

        Assert.NotNull((await client.ClientCredentialsAsync("orders.read")).AccessToken);

        // Operators alert on errors, so an error at every first start would teach them to ignore one.
        Assert.Empty(system.Log.Errors);
    }
}
