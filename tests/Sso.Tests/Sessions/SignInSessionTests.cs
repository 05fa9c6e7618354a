using System.Net;
using Sso.Tests.Support;
using Xunit;

namespace Sso.Tests.Sessions;

/// <summary>
/// Every sign-in starts a new server session (SECURITY.md: "a new session id at every sign-in"),
/// even when the browser already had one: otherwise a planted or stolen key would survive it.
/// </summary>
public sealed class SignInSessionTests(IdentityServerFixture system) : IClassFixture<IdentityServerFixture>
{
    [Fact]
    public async Task SigningInAgain_StartsANewSession_AndTheOldCookieNoLongerWorks()
    {
        var person = await system.CreateUserAsync();
        using var desk = system.CreateClient();
        await desk.SignInOrFailAsync(person.UserName, person.Password);
        var before = (await desk.GetPageAsync("account")).CurrentSessionId;
        var oldCookie = SessionCookie(desk);

        await desk.SignInOrFailAsync(person.UserName, person.Password);

        var page = await desk.GetPageAsync("account");
        Assert.NotNull(page.CurrentSessionId);
        Assert.NotEqual(before, page.CurrentSessionId);
        Assert.Equal([page.CurrentSessionId], page.SessionIds);
        using var replay = system.CreateClient();
        replay.Cookies.Add(system.Issuer, new Cookie(oldCookie.Name, oldCookie.Value));
        Assert.Equal(HttpStatusCode.Redirect, (await replay.GetPageAsync("account")).Status);
    }

    [Fact]
    public async Task AnotherPersonSigningIn_OnTheSameBrowser_DoesNotTakeOverTheFirstPersonsSession()
    {
        var first = await system.CreateUserAsync("first");
        var second = await system.CreateUserAsync("second");
        using var sharedComputer = system.CreateClient();
        await sharedComputer.SignInOrFailAsync(first.UserName, first.Password);
        var firstSession = (await sharedComputer.GetPageAsync("account")).CurrentSessionId;

        await sharedComputer.SignInOrFailAsync(second.UserName, second.Password);

        var secondsPage = await sharedComputer.GetPageAsync("account");
        Assert.Contains(second.UserName, secondsPage.Text, StringComparison.Ordinal);
        Assert.NotEqual(firstSession, secondsPage.CurrentSessionId);
        using var firstsPhone = system.CreateClient();
        await firstsPhone.SignInOrFailAsync(first.UserName, first.Password);
        Assert.Single((await firstsPhone.GetPageAsync("account")).SessionIds);
    }

    private Cookie SessionCookie(OAuthTestClient client) =>
        client.Cookies.GetCookies(system.Issuer).Single(cookie => cookie.Name == "sso.session");
}
