using Microsoft.Playwright;
using Sso.IdentityServer.Protocol;
using Sso.Tests.Support;
using Xunit;
using static Microsoft.Playwright.Assertions;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.ClientSessions;

/// <summary>
/// The apps keep their sessions on the server: the browser holds only a small random key, and
/// the session (claims, access and refresh tokens) lives in the app's SQLite file.
/// </summary>
public sealed class AppSessionTests(FullSystemFixture system, BrowserFixture browser)
    : IClassFixture<FullSystemFixture>, IClassFixture<BrowserFixture>
{
    private const string CookieName = "orders.session";

    [Fact]
    public async Task SignedInAtA_TheAppCookieIsSmall_AndNotChunked()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await AccountPage.SignInAsync(page, system.AppAUrl, system.Issuer, AliceUserName, AlicePassword);

        var cookies = await context.CookiesAsync([system.AppAUrl.ToString()]);

        var session = Assert.Single(cookies, cookie => cookie.Name == CookieName);
        // With the ID, access and refresh tokens inside, the cookie was chunked into several
        // 4 KB pieces (orders.sessionC1, C2...); a reference to the server-side session is tiny.
        Assert.True(session.Value.Length < 1024, $"The session cookie is {session.Value.Length} characters long.");
        Assert.DoesNotContain(cookies, cookie => cookie.Name.StartsWith(CookieName + "C", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AppSessions_SurviveAnAppRestart()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var before = await AccountPage.SignInAsync(page, system.AppAUrl, system.Issuer, BobUserName, BobPassword);
        var subject = (await before.Subject.InnerTextAsync()).Trim();

        await system.RestartAppAsync(ClientApp.A);

        using var visit = new NavigationLog(page);
        await AccountPage.GoToAsync(page, system.AppAUrl);
        var after = await AccountPage.ExpectAsync(page, system.AppAUrl);
        await Expect(after.Subject).ToHaveTextAsync(subject);
        // Still signed in to A itself: the restarted app found the session in its file and read
        // it with its persisted keys, without asking the identity server.
        Assert.False(visit.Visited(system.Issuer, "/" + ProtocolRoutes.Authorization), visit.ToString());
        await Expect(after.PeerApiResult).ToContainTextAsync("Billing answered 200");
    }

    [Fact]
    public async Task AppCookiePlantedBeforeSignIn_NeverBecomesTheVictimsSession()
    {
        // The attacker signs in to Orders with their own account and copies their app cookie...
        await using var attackerContext = await browser.NewContextAsync();
        var attacker = await attackerContext.NewPageAsync();
        var attackersPage = await AccountPage.SignInAsync(attacker, system.AppAUrl, system.Issuer, BobUserName, BobPassword);
        var attackersSubject = (await attackersPage.Subject.InnerTextAsync()).Trim();
        var planted = Assert.Single(await attackerContext.CookiesAsync([system.AppAUrl.ToString()]), cookie => cookie.Name == CookieName);

        // ...and plants it in the victim's browser (cookie tossing), who then signs in.
        await using var victimContext = await browser.NewContextAsync();
        await victimContext.AddCookiesAsync([new Cookie { Name = CookieName, Value = planted.Value, Url = system.AppAUrl.ToString() }]);
        var victim = await victimContext.NewPageAsync();
        await victim.GotoAsync(new Uri(system.AppAUrl, "account/sign-in?returnUrl=%2Faccount").ToString());
        await (await SignInPage.ExpectAsync(victim, system.Issuer)).SubmitAsync(AliceUserName, AlicePassword);
        var victimsPage = await AccountPage.ExpectAsync(victim, system.AppAUrl);
        await Expect(victimsPage.UserName).ToHaveTextAsync(AliceDisplayName);

        // The sign-in got a key of its own, and the planted one was ended: the attacker's browser
        // is not signed in as the victim, and has to go back to the identity server.
        var victimsCookie = Assert.Single(await victimContext.CookiesAsync([system.AppAUrl.ToString()]), cookie => cookie.Name == CookieName);
        Assert.NotEqual(planted.Value, victimsCookie.Value);
        using var attackersVisit = new NavigationLog(attacker);
        await AccountPage.GoToAsync(attacker, system.AppAUrl);
        await Expect((await AccountPage.ExpectAsync(attacker, system.AppAUrl)).Subject).ToHaveTextAsync(attackersSubject);
        Assert.True(attackersVisit.Visited(system.Issuer, "/" + ProtocolRoutes.Authorization), attackersVisit.ToString());
    }
}
