using Sso.IdentityServer.Cluster;
using Sso.Tests.Resilience;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Cluster;

/// <summary>One of two instances is killed with SIGKILL in the middle of load; the other carries on.</summary>
public sealed class ClusterCrashTests(ClusterWithProcessSystem system) : IClassFixture<ClusterWithProcessSystem>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnInstanceKilledMidLoad_PeopleStaySignedIn_AndRequestsAfterTheFailoverSucceed()
    {
        ClusterSystem.SkipUnlessAvailable();
        using var browser = system.CreateClient();
        var tokens = await browser.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);

        using var load = new CrashLoad(system);
        await load.RunUntilAsync(done => done.SignIns >= 2 && done.Refreshes >= 6 && done.Registrations >= 2);
        load.Stop();
        await system.KillSecondAsync();
        var acknowledged = await load.DrainAsync();
        Assert.True(acknowledged.Failures.IsEmpty, "Failures before the kill: " + string.Join("\n", acknowledged.Failures));

        // Through the balancer, which now finds only the survivor.
        for (var i = 0; i < 4; i++)
        {
            var silent = await browser.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none");
            Assert.True(silent.Code is not null, $"No code after the kill, attempt {i}: {silent.Status} {silent.Location}");
        }

        var refreshed = await browser.RefreshAsync(tokens.RefreshToken!);
        Assert.True(refreshed.AccessToken is not null, refreshed.Body);
        foreach (var (signedIn, theirTokens) in acknowledged.SignedIn)
        {
            Assert.NotNull((await signedIn.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Code);
            Assert.NotNull((await signedIn.RefreshAsync(theirTokens.RefreshToken!)).AccessToken);
        }

        Assert.True(await system.CanSignInAsync(BobUserName, BobPassword));
        using var response = await browser.Http.GetAsync("health/ready", Cancellation);
        Assert.Equal(ClusterSystem.FirstName, Assert.Single(response.Headers.GetValues(InstanceHeader.Name)));
    }
}
