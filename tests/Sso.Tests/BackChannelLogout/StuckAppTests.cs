using System.Net;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.BackChannelLogout;

/// <summary>An app whose logout endpoint accepts the connection and never answers.</summary>
public sealed class StuckAppTests(LogoutReceiverSystem system) : IClassFixture<LogoutReceiverSystem>
{
    [Fact]
    public async Task AStuckApp_HoldsUpNeitherTheSignOutNorTheOtherApp()
    {
        using var atA = system.CreateClient();
        var tokensA = await atA.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);
        using var atB = system.CreateClientInSameBrowser(atA, ClientB, ClientBSecret);
        var authorization = await atB.AuthorizeAsync(AppBScopes);
        Assert.NotNull(authorization.Code);
        system.AppA.Hang();

        // The sign-out answers while A's endpoint is still stuck...
        Assert.Equal(HttpStatusCode.Redirect, await atA.EndSessionAsync(tokensA.IdToken!));

        // ...and B hears of it while A's endpoint still holds its request open.
        await system.AppA.WaitForTokenAsync(TimeSpan.FromSeconds(10));
        var toB = await system.AppB.WaitForTokenAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(Jwt.Claim(tokensA.IdToken!, "sid"), Jwt.Claim(toB, "sid"));
        system.AppA.Release();
    }
}
