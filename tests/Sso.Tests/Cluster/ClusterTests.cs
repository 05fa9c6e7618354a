using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.Tokens;
using Sso.IdentityServer.Accounts;
using Sso.IdentityServer.Admin;
using Sso.IdentityServer.Cluster;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Cluster;

/// <summary>Two instances behind a balancer without stickiness behave as one identity server.</summary>
public sealed class ClusterTests(ClusterSystem system) : IClassFixture<ClusterSystem>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RequestsThroughTheBalancer_AlternateBetweenInstances()
    {
        ClusterSystem.SkipUnlessAvailable();
        using var client = system.CreateClient();

        var served = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await client.Http.GetAsync("health/ready", Cancellation);
            served.Add(Assert.Single(response.Headers.GetValues(InstanceHeader.Name)));
        }

        Assert.Equal([ClusterSystem.FirstName, ClusterSystem.SecondName], served.Distinct().Order());
    }

    [Fact]
    public async Task SignedInThroughTheBalancer_EveryLaterAuthorization_NeedsNoSignIn()
    {
        ClusterSystem.SkipUnlessAvailable();
        using var browser = system.CreateClient();
        await browser.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);

        // Round-robin: these land on both instances, each reading the session from the database.
        for (var i = 0; i < 4; i++)
        {
            var silent = await browser.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none");
            Assert.True(silent.Code is not null, $"No code at attempt {i}: {silent.Status} {silent.Location}");
        }
    }

    [Fact]
    public async Task TokensFromOneInstance_AreRefreshedIntrospectedAndRevokedAtTheOther()
    {
        ClusterSystem.SkipUnlessAvailable();
        using var first = system.CreateClientAt(system.ServerUrl, ClientA, ClientASecret);
        using var second = system.CreateClientAt(system.SecondUrl, ClientA, ClientASecret);
        var issued = await first.GetTokensAsync(BobUserName, BobPassword, AppAScopes);

        var refreshed = await second.RefreshAsync(issued.RefreshToken!);
        Assert.True(refreshed.AccessToken is not null, refreshed.Body);
        Assert.True((await second.IntrospectAsync(refreshed.AccessToken!)).Json.GetProperty("active").GetBoolean());

        await first.RevokeAsync(refreshed.RefreshToken!);
        Assert.Equal("invalid_grant", (await second.RefreshAsync(refreshed.RefreshToken!)).Error);
    }

    [Fact]
    public async Task SignOutAtOneInstance_EndsTheSessionAtTheOther()
    {
        ClusterSystem.SkipUnlessAvailable();
        using var first = system.CreateClientAt(system.ServerUrl, ClientA, ClientASecret);
        var tokens = await first.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);
        using var second = system.CreateClientAt(system.SecondUrl, ClientA, ClientASecret);
        CopyCookies(first, second);
        Assert.NotNull((await second.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Code);

        await first.EndSessionAsync(tokens.IdToken!);

        Assert.Equal("login_required", (await second.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Error);
    }

    [Fact]
    public async Task BanAtOneInstance_IsHonouredByTheOther()
    {
        ClusterSystem.SkipUnlessAvailable();
        using var second = system.CreateClientAt(system.SecondUrl, ClientA, ClientASecret);
        var tokens = await second.GetTokensAsync(BobUserName, BobPassword, AppAScopes);

        // The ban is made at the first instance (what its admin page does).
        await using (var scope = system.ServerServices.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SsoUser>>();
            var bob = await users.FindByNameAsync(BobUserName) ?? throw new InvalidOperationException("No Bob.");
            await scope.ServiceProvider.GetRequiredService<UserBan>().BanAsync(bob, "cluster-test", Cancellation);
            try
            {
                Assert.Equal("login_required", (await second.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Error);
                Assert.Equal("invalid_grant", (await second.RefreshAsync(tokens.RefreshToken!)).Error);
                Assert.False((await second.IntrospectAsync(tokens.AccessToken!)).Json.GetProperty("active").GetBoolean());
            }
            finally
            {
                await scope.ServiceProvider.GetRequiredService<UserBan>().UnbanAsync(bob, "cluster-test", Cancellation);
            }
        }
    }

    [Fact]
    public async Task AKeyRotatedAtOneInstance_IsPublishedAndUsedByAll()
    {
        ClusterSystem.SkipUnlessAvailable();
        using var atFirst = system.CreateClientAt(system.ServerUrl, Reporting, ReportingSecret);
        using var atSecond = system.CreateClientAt(system.SecondUrl, Reporting, ReportingSecret);
        var oldKid = Kid((await atFirst.ClientCredentialsAsync("orders.read")).AccessToken!);

        // What an operator runs on any one machine of the cluster.
        var (exitCode, _) = await ServerCommand.RunAsync(system, "keys", "rotate", "--activate-in", "00:00:01");
        Assert.Equal(0, exitCode);

        var newKid = await WaitForAsync(async () =>
        {
            var kid = Kid((await atSecond.ClientCredentialsAsync("orders.read")).AccessToken!);
            return kid != oldKid ? kid : null;
        });
        Assert.Equal(newKid, await WaitForAsync(async () =>
        {
            var kid = Kid((await atFirst.ClientCredentialsAsync("orders.read")).AccessToken!);
            return kid != oldKid ? kid : null;
        }));
        Assert.Contains(newKid, await KidsAsync(atFirst));
        Assert.Contains(newKid, await KidsAsync(atSecond));
    }

    private static string Kid(string jwt) => Jwt.Header(jwt).GetProperty("kid").GetString()!;

    private static async Task<List<string>> KidsAsync(OAuthTestClient client) =>
        [.. new JsonWebKeySet(await client.Http.GetStringAsync(".well-known/jwks", Cancellation)).Keys.Select(key => key.Kid)];

    // The same browser reaching the other instance: cookies are per host, and both are localhost.
    private static void CopyCookies(OAuthTestClient from, OAuthTestClient to)
    {
        foreach (System.Net.Cookie cookie in from.Cookies.GetCookies(from.Issuer))
        {
            to.Cookies.Add(to.Issuer, new System.Net.Cookie(cookie.Name, cookie.Value, "/"));
        }
    }

    // Keys are re-read on a timer (200 ms in tests); the deadline is generous, the wait ends at once.
    private static async Task<string> WaitForAsync(Func<Task<string?>> probe)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (await probe() is { } found)
            {
                return found;
            }

            Assert.True(DateTime.UtcNow < deadline, "The cluster did not converge within 30 s.");
            await Task.Delay(200, Cancellation);
        }
    }
}
