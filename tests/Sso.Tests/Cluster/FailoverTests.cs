using Sso.IdentityServer.Cluster;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Cluster;

/// <summary>An instance dies: people stay signed in and their next requests succeed at the survivor.</summary>
public sealed class FailoverTests(ClusterSystem system) : IClassFixture<ClusterSystem>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhenAnInstanceDies_PeopleStaySignedIn_AndLaterRequestsSucceed()
    {
        ClusterSystem.SkipUnlessAvailable();
        using var browser = system.CreateClient();
        var tokens = await browser.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);

        await system.KillSecondAsync();

        for (var i = 0; i < 4; i++)
        {
            var silent = await browser.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none");
            Assert.True(silent.Code is not null, $"No code after failover, attempt {i}: {silent.Status} {silent.Location}");
        }

        var refreshed = await browser.RefreshAsync(tokens.RefreshToken!);
        Assert.True(refreshed.AccessToken is not null, refreshed.Body);
        using var response = await browser.Http.GetAsync("health/ready", Cancellation);
        Assert.Equal(ClusterSystem.FirstName, Assert.Single(response.Headers.GetValues(InstanceHeader.Name)));
    }
}
