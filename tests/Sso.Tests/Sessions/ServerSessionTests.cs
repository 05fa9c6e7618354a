using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Sso.IdentityServer.Accounts;
using Sso.IdentityServer.Data;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Sessions;

/// <summary>The identity server's sign-on session lives in the database; the cookie only points at it.</summary>
public sealed class ServerSessionTests(IdentityServerFixture system) : IClassFixture<IdentityServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SessionCookie_HoldsOnlyAKey_TheSessionIsInTheDatabase()
    {
        using var client = system.CreateClient();
        var tokens = await client.GetTokensAsync(BobUserName, BobPassword, AppAScopes);

        var cookie = SessionCookie(client);
        // A ticket with the person's claims was ~1 KB; a protected 256-bit key is a few hundred bytes.
        Assert.InRange(cookie.Value.Length, 1, 400);
        var sid = Jwt.Claim(tokens.IdToken!, "sid");
        await using var scope = system.ServerServices.CreateAsyncScope();
        var session = await scope.ServiceProvider.GetRequiredService<SsoDbContext>().UserSessions.AsNoTracking()
            .Include(candidate => candidate.Clients).SingleAsync(candidate => candidate.Id == sid, Cancellation);
        Assert.Equal(Jwt.Claim(tokens.IdToken!, "sub"), session.UserId);
        Assert.Contains(session.Clients, client => client.ClientId == ClientA);
        Assert.Equal(64, session.KeyHash.Length); // only the key's hash is stored
    }

    [Fact]
    public async Task CookieReplayedAfterSignOut_GivesNoSession()
    {
        using var client = system.CreateClient();
        var tokens = await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);
        var stolen = SessionCookie(client);

        Assert.Equal(HttpStatusCode.Redirect, await client.EndSessionAsync(tokens.IdToken!));

        using var replay = system.CreateClient();
        replay.Cookies.Add(system.Issuer, new Cookie(stolen.Name, stolen.Value));
        Assert.Equal("login_required", (await replay.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Error);
    }

    [Fact]
    public async Task ACookiePlantedBeforeSignIn_DoesNotBecomeTheVictimsSession()
    {
        // The attacker signs in as themselves and plants their cookie in the victim's browser.
        using var attacker = system.CreateClient();
        await attacker.GetTokensAsync(BobUserName, BobPassword, AppAScopes);
        var planted = SessionCookie(attacker);
        using var victim = system.CreateClient();
        victim.Cookies.Add(system.Issuer, new Cookie(planted.Name, planted.Value));

        var victimTokens = await victim.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);

        // The planted key now leads nowhere: not to Alice's session, not even to Bob's.
        Assert.NotEqual(planted.Value, SessionCookie(victim).Value);
        Assert.Equal("login_required", (await attacker.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Error);
        Assert.Equal("alice", Jwt.Claim(victimTokens.IdToken!, "preferred_username"));
    }

    [Fact]
    public async Task IdTokens_CarryTheSessionId_AlsoAfterARefresh_AndAccessTokensDoNot()
    {
        using var client = system.CreateClient();
        var tokens = await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);
        var refreshed = await client.RefreshAsync(tokens.RefreshToken!);

        var sid = Jwt.Claim(tokens.IdToken!, "sid");
        Assert.False(string.IsNullOrEmpty(sid));
        Assert.Equal(sid, Jwt.Claim(refreshed.IdToken!, "sid"));
        Assert.False(Jwt.Payload(tokens.AccessToken!).TryGetProperty("sid", out _));
    }

    [Fact]
    public async Task SignOut_RevokesTheSessionsTokens()
    {
        using var client = system.CreateClient();
        var tokens = await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);

        await client.EndSessionAsync(tokens.IdToken!);

        Assert.Equal("invalid_grant", (await client.RefreshAsync(tokens.RefreshToken!)).Error);
        Assert.False((await client.IntrospectAsync(tokens.AccessToken!)).Json.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task SignOut_EndsOnlyThatSession()
    {
        using var laptop = system.CreateClient();
        using var phone = system.CreateClient();
        var onLaptop = await laptop.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);
        var onPhone = await phone.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);

        await laptop.EndSessionAsync(onLaptop.IdToken!);

        Assert.NotNull((await phone.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Code);
        Assert.NotNull((await phone.RefreshAsync(onPhone.RefreshToken!)).AccessToken);
    }

    private Cookie SessionCookie(OAuthTestClient client) =>
        client.Cookies.GetCookies(system.Issuer).Single(cookie => cookie.Name == AccountExtensions.PlainSessionCookieName);
}
