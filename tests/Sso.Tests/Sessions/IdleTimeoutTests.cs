using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Sessions;

/// <summary>The server enforces the idle timeout itself, and tells the apps when it ends a session.</summary>
public sealed class IdleTimeoutTests(IdleSessionSystem system) : IClassFixture<IdleSessionSystem>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IdleSession_NoLongerGivesSingleSignOn()
    {
        using var client = system.CreateClient(ClientB, ClientBSecret);
        await client.GetTokensAsync(BobUserName, BobPassword, AppBScopes);

        await Task.Delay(IdleSessionSystem.IdleTimeout + TimeSpan.FromSeconds(1), Cancellation);

        Assert.Equal("login_required", (await client.AuthorizeAsync(AppBScopes, p => p["prompt"] = "none")).Error);
    }

    [Fact]
    public async Task SessionInUse_OutlivesTheIdleTimeout()
    {
        using var client = system.CreateClient(ClientB, ClientBSecret);
        var tokens = await client.GetTokensAsync(AliceUserName, AlicePassword, AppBScopes);

        // Twice the idle timeout in all, never idle for more than half of it: once through the
        // browser, once through the app refreshing its tokens.
        for (var step = 0; step < 4; step++)
        {
            await Task.Delay(IdleSessionSystem.IdleTimeout / 2, Cancellation);
            if (step % 2 == 0)
            {
                Assert.NotNull((await client.AuthorizeAsync(AppBScopes, p => p["prompt"] = "none")).Code);
            }
            else
            {
                tokens = await client.RefreshAsync(tokens.RefreshToken!);
                Assert.NotNull(tokens.AccessToken);
            }
        }
    }

    [Fact]
    public async Task TimedOutSession_IsEndedWithoutAnyVisit_AndItsAppIsTold()
    {
        using var client = system.CreateClient();
        var tokens = await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);
        var sid = Jwt.Claim(tokens.IdToken!, "sid");

        // Nobody touches the session again: the sweeper ends it and the app gets its notice.
        var deadline = DateTime.UtcNow + IdleSessionSystem.IdleTimeout + TimeSpan.FromSeconds(10);
        while (!system.AppA.Tokens.Any(token => Jwt.Claim(token, "sid") == sid))
        {
            Assert.True(DateTime.UtcNow < deadline, "The app was not told that the idle session ended.");
            await Task.Delay(100, Cancellation);
        }

        Assert.Equal("invalid_grant", (await client.RefreshAsync(tokens.RefreshToken!)).Error);
    }
}
