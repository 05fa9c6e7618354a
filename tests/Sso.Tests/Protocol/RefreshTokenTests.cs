using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Sso.IdentityServer.Accounts;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Protocol;

public sealed class RefreshTokenTests(IdentityServerFixture system) : IClassFixture<IdentityServerFixture>
{
    [Fact]
    public async Task EachRefresh_GivesANewAccessTokenAndANewRefreshToken()
    {
        using var client = system.CreateClient();
        var first = await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);

        var second = await client.RefreshAsync(first.RefreshToken!);

        Assert.NotNull(second.AccessToken);
        Assert.NotEqual(first.AccessToken, second.AccessToken);
        Assert.NotNull(second.RefreshToken);
        Assert.NotEqual(first.RefreshToken, second.RefreshToken);
        Assert.True(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.DecodeBytes(second.RefreshToken).Length >= 16,
            "A refresh token must carry at least 128 bits.");
    }

    [Fact]
    public async Task RotatedOutRefreshToken_ReplayedAfterTheLeeway_IsRefused_AndTheWholeChainIsRevoked()
    {
        using var client = system.CreateClient();
        var first = await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);
        var second = await client.RefreshAsync(first.RefreshToken!);
        await Task.Delay(TimeSpan.FromSeconds(2.5), TestContext.Current.CancellationToken); // the test system's leeway is 2 s

        var replay = await client.RefreshAsync(first.RefreshToken!);

        Assert.Equal("invalid_grant", replay.Error);
        Assert.Equal("invalid_grant", (await client.RefreshAsync(second.RefreshToken!)).Error);
        Assert.False((await client.IntrospectAsync(second.AccessToken!)).Json.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task RotatedOutRefreshToken_ReusedWithinTheLeeway_StillWorks()
    {
        using var client = system.CreateClient();
        var first = await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);

        var racer1 = await client.RefreshAsync(first.RefreshToken!);
        var racer2 = await client.RefreshAsync(first.RefreshToken!);

        Assert.NotNull(racer1.AccessToken);
        Assert.NotNull(racer2.AccessToken);
    }

    [Fact]
    public async Task AnotherClientsRefreshToken_IsAnInvalidGrant()
    {
        using var alice = system.CreateClient();
        var tokens = await alice.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);
        using var thief = system.CreateClient(ClientB, ClientBSecret);

        Assert.Equal("invalid_grant", (await thief.RefreshAsync(tokens.RefreshToken!)).Error);
    }

    [Fact]
    public async Task AskingForAWiderScopeOnRefresh_IsAnInvalidScope()
    {
        using var client = system.CreateClient();
        var tokens = await client.GetTokensAsync(AliceUserName, AlicePassword, "openid offline_access");

        Assert.Equal("invalid_scope", (await client.RefreshAsync(tokens.RefreshToken!, "openid offline_access billing.read")).Error);
    }

    [Fact]
    public async Task PasswordChange_EndsTheRightToRefresh()
    {
        using var client = system.CreateClient(ClientB, ClientBSecret);
        var tokens = await client.GetTokensAsync(BobUserName, BobPassword, AppBScopes);

        await using (var scope = system.ServerServices.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SsoUser>>();
            var bob = (await users.FindByNameAsync(BobUserName))!;
            Assert.True((await users.ChangePasswordAsync(bob, BobPassword, BobPassword + "-new")).Succeeded);
            Assert.True((await users.ChangePasswordAsync(bob, BobPassword + "-new", BobPassword)).Succeeded);
        }

        Assert.Equal("invalid_grant", (await client.RefreshAsync(tokens.RefreshToken!)).Error);
    }

    [Fact]
    public async Task LockedAccount_CanNoLongerRefresh()
    {
        using var client = system.CreateClient();
        await using var scope = system.ServerServices.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SsoUser>>();
        var carol = new SsoUser { UserName = "carol-" + Guid.NewGuid().ToString("N")[..6] };
        Assert.True((await users.CreateAsync(carol, "carol-passphrase")).Succeeded);
        var tokens = await client.GetTokensAsync(carol.UserName, "carol-passphrase", AppAScopes);

        await users.SetLockoutEndDateAsync(carol, DateTimeOffset.UtcNow.AddYears(1));

        Assert.Equal("invalid_grant", (await client.RefreshAsync(tokens.RefreshToken!)).Error);
    }
}
