using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sso.RelyingParty.Sessions;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.SingleSignOut;

/// <summary>
/// The promises of single sign-out, end to end with both apps: whichever way a session ends — a
/// sign-out at either app, "sign out everywhere" from another browser, an admin's ban — every app
/// session it opened ends within two seconds, and nothing issued through it keeps working.
/// </summary>
public sealed class SessionsEndEverywhereTests(FullSystemFixture system, BrowserFixture browser)
    : IClassFixture<FullSystemFixture>, IClassFixture<BrowserFixture>
{
    /// <summary>What the issue promises; the notices go out the moment the session ends.</summary>
    private static readonly TimeSpan TwoSeconds = TimeSpan.FromSeconds(2);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ClientApp.A, ClientApp.B)]
    [InlineData(ClientApp.B, ClientApp.A)]
    public async Task SigningOutAtOneApp_SignsOutTheOther_WithinTwoSeconds(ClientApp signOutAt, ClientApp other)
    {
        var person = await system.CreateUserAsync();
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var subject = await SignInAtBothAppsAsync(page, person);

        await AccountPage.GoToAsync(page, system.AppUrl(signOutAt));
        await (await AccountPage.ExpectAsync(page, system.AppUrl(signOutAt))).SignOutAsync();

        await Eventually.TrueAsync(async () => await AppSessionsAsync(other, subject) == 0, TwoSeconds,
            $"the session at {other} ended");
        // Neither the other app nor the identity server remembers the person: the password is asked.
        await AccountPage.GoToAsync(page, system.AppUrl(other));
        await SignInPage.ExpectAsync(page, system.Issuer);
    }

    [Fact]
    public async Task SignOutEverywhere_FromASecondBrowser_EndsTheFirstBrowsersAppSessions()
    {
        var person = await system.CreateUserAsync();
        await using var laptop = await browser.NewContextAsync();
        var laptopPage = await laptop.NewPageAsync();
        var subject = await SignInAtBothAppsAsync(laptopPage, person);
        await using var phone = await browser.NewContextAsync();
        var phonePage = await phone.NewPageAsync();
        var account = await IdentityServerAccountPage.SignInAsync(phonePage, system.Issuer, person.UserName, person.Password);

        await account.SignOutEverywhereAsync(system.Issuer);

        await Eventually.TrueAsync(async () => await AppSessionsAsync(ClientApp.A, subject) + await AppSessionsAsync(ClientApp.B, subject) == 0,
            TwoSeconds, "the laptop's sessions at A and B ended");
        await AccountPage.GoToAsync(laptopPage, system.AppAUrl);
        await SignInPage.ExpectAsync(laptopPage, system.Issuer);
    }

    [Fact]
    public async Task AnAdminsBan_EndsTheAppSessions_AndEveryTokenStopsWorking()
    {
        var person = await system.CreateUserAsync("banned");
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var subject = await SignInAtBothAppsAsync(page, person);
        // An app holding the person's tokens, as A does: one access token already checked (and
        // cached) by the payments API, one it has not seen yet.
        using var app = system.CreateClient();
        var seen = await app.GetTokensAsync(person.UserName, person.Password, AppAScopes);
        var again = await app.AuthorizeAsync(AppAScopes);
        var unseen = await app.RedeemCodeAsync(again.Code!, again.Pkce.Verifier);
        using var billing = new BearerApiClient(system.AppBUrl);
        using (var before = await billing.GetAsync("api/payments", seen.AccessToken))
        {
            await BearerApiClient.AssertOkAsync(before);
        }

        using var admin = system.CreateClient();
        Assert.Equal(HttpStatusCode.Redirect, (await admin.SignInAsync(AliceUserName, AlicePassword)).StatusCode);
        var banned = await admin.PostFormAsync($"admin/users/{person.Id}?handler=Lock");
        Assert.Equal(HttpStatusCode.Redirect, banned.Status);

        // At once: the payments API asks the server, which no longer vouches for the token.
        using (var payments = await billing.GetAsync("api/payments", unseen.AccessToken))
        {
            BearerApiClient.AssertInvalidToken(payments);
        }

        Assert.Equal("invalid_grant", (await app.RefreshAsync(unseen.RefreshToken!)).Error);
        Assert.False((await app.IntrospectAsync(unseen.AccessToken!)).Json.GetProperty("active").GetBoolean());
        // Within two seconds: both apps have ended their sessions, and the answer the payments
        // API had cached for the other token was dropped with them.
        await Eventually.TrueAsync(async () => await AppSessionsAsync(ClientApp.A, subject) + await AppSessionsAsync(ClientApp.B, subject) == 0,
            TwoSeconds, "the sessions at A and B ended");
        using (var cached = await billing.GetAsync("api/payments", seen.AccessToken))
        {
            BearerApiClient.AssertInvalidToken(cached);
        }

        await AccountPage.GoToAsync(page, system.AppBUrl);
        await SignInPage.ExpectAsync(page, system.Issuer);
    }

    /// <summary>Signs in at A with the password, opens B through single sign-on; returns the person's subject.</summary>
    private async Task<string> SignInAtBothAppsAsync(Microsoft.Playwright.IPage page, TestUser person)
    {
        var atA = await AccountPage.SignInAsync(page, system.AppAUrl, system.Issuer, person.UserName, person.Password);
        var subject = (await atA.Subject.InnerTextAsync()).Trim();
        await AccountPage.GoToAsync(page, system.AppBUrl);
        await AccountPage.ExpectAsync(page, system.AppBUrl);
        Assert.Equal(1, await AppSessionsAsync(ClientApp.A, subject));
        Assert.Equal(1, await AppSessionsAsync(ClientApp.B, subject));
        return subject;
    }

    private Task<int> AppSessionsAsync(ClientApp app, string subject) =>
        system.AppServices(app).GetRequiredService<AppSessions>().CountBySubjectAsync(subject, Cancellation);
}
