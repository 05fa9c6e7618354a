using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sso.IdentityServer.Accounts;
using Sso.IdentityServer.Protocol;
using Sso.Tests.Support;
using Xunit;
using static Microsoft.Playwright.Assertions;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Browser;

/// <summary>People's journeys across Orders (A) and Billing (B) in a real browser: one sign-in serves both apps.</summary>
public sealed partial class SingleSignOnTests(FullSystemFixture system, BrowserFixture browser)
    : IClassFixture<FullSystemFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SignedInAtA_OpensB_WithoutPassword()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        // Signed out, A's account page sends the browser to the identity server's form.
        await AccountPage.GoToAsync(page, system.AppAUrl);
        var signIn = await SignInPage.ExpectAsync(page, system.Issuer);
        await signIn.SubmitAsync(AliceUserName, AlicePassword);
        var atA = await AccountPage.ExpectAsync(page, system.AppAUrl);
        await Expect(atA.UserName).ToHaveTextAsync(AliceDisplayName);
        var subject = (await atA.Subject.InnerTextAsync()).Trim();

        using var visitToB = new NavigationLog(page);
        await AccountPage.GoToAsync(page, system.AppBUrl);
        var atB = await AccountPage.ExpectAsync(page, system.AppBUrl);

        await Expect(atB.UserName).ToHaveTextAsync(AliceDisplayName);
        await Expect(atB.Subject).ToHaveTextAsync(subject);
        // B had no session of its own: it really asked the identity server, whose session
        // cookie answered without rendering the form.
        Assert.True(visitToB.Visited(system.Issuer, "/" + ProtocolRoutes.Authorization), visitToB.ToString());
        Assert.False(visitToB.Visited(system.Issuer, AccountRoutes.Login), visitToB.ToString());
    }

    [Fact]
    public async Task SignedInAtA_AccountPageShowsAlicesInvoicesFromBsApi()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        var atA = await AccountPage.SignInAsync(page, system.AppAUrl, system.Issuer, AliceUserName, AlicePassword);

        // A called GET /api/invoices at B with Alice's access token (audience billing-api):
        // B's answer is the 200 status line and the invoices JSON for Alice's subject.
        var subject = (await atA.Subject.InnerTextAsync()).Trim();
        await Expect(atA.PeerApiResult).ToContainTextAsync("Billing answered 200");
        await Expect(atA.PeerApiResult).ToContainTextAsync($"\"subject\": \"{subject}\"");
        await Expect(atA.PeerApiResult).ToContainTextAsync(InvoiceNumber());
    }

    [Fact]
    public async Task SignOutAtA_ReturnsToItsHomeSignedOut_AndTheNextVisitAsksForThePasswordAgain()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var atA = await AccountPage.SignInAsync(page, system.AppAUrl, system.Issuer, AliceUserName, AlicePassword);

        await atA.SignOutAsync();

        await Expect(page.Locator("#sign-in")).ToBeVisibleAsync();
        await Expect(page.Locator("#account-link")).ToHaveCountAsync(0);
        // Only an ended server session explains the form: a live one would sign A in silently.
        await AccountPage.GoToAsync(page, system.AppAUrl);
        await SignInPage.ExpectAsync(page, system.Issuer);
    }

    [Fact]
    public async Task WrongPassword_ShowsTheSameErrorAsAnUnknownUser()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await AccountPage.GoToAsync(page, system.AppAUrl);
        var signIn = await SignInPage.ExpectAsync(page, system.Issuer);

        // Bob, not Alice: the failed attempt counts towards lockout and other tests sign in as Alice.
        var wrongPassword = await signIn.SubmitRefusedAsync(BobUserName, "not-bobs-passphrase");
        var unknownUser = await signIn.SubmitRefusedAsync("nobody-" + Guid.NewGuid().ToString("N"), "not-bobs-passphrase");

        Assert.Equal(LoginModel.FailureMessage, wrongPassword);
        Assert.Equal(wrongPassword, unknownUser);
        Assert.True(SignInPage.IsSignInForm(page.Url, system.Issuer), page.Url);
    }

    [GeneratedRegex("INV-[0-9]{4}-001")]
    private static partial Regex InvoiceNumber();
}
