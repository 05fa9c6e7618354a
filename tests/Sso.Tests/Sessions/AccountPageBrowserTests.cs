using Sso.IdentityServer.MyAccount;
using Sso.Tests.Support;
using Xunit;
using static Microsoft.Playwright.Assertions;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Sessions;

/// <summary>The identity server's account page as a person uses it in a real browser, after using the apps.</summary>
public sealed class AccountPageBrowserTests(FullSystemFixture system, BrowserFixture browser)
    : IClassFixture<FullSystemFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AccountPage_ListsThisSession_AsThisDevice_WithTheAppsUsed()
    {
        var person = await system.CreateUserAsync();
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await AccountPage.SignInAsync(page, system.AppAUrl, system.Issuer, person.UserName, person.Password);

        var account = await IdentityServerAccountPage.GoToAsync(page, system.Issuer);

        await Expect(account.Rows).ToHaveCountAsync(1);
        await Expect(account.CurrentRow).ToContainTextAsync("This device");
        await Expect(account.CurrentRow.Locator(".device")).ToHaveTextAsync("Chrome on Linux");
        // The seeded clients' display names are their ids.
        await Expect(account.CurrentRow.Locator(".apps")).ToHaveTextAsync(ClientA);
        await Expect(account.CurrentRow.Locator("time")).ToHaveCountAsync(2);
    }

    [Fact]
    public async Task SignOutEverywhere_FromASecondBrowser_EndsTheFirstBrowsersSession_AndItsTokens()
    {
        var person = await system.CreateUserAsync();
        await using var first = await browser.NewContextAsync();
        var firstPage = await first.NewPageAsync();
        await AccountPage.SignInAsync(firstPage, system.AppAUrl, system.Issuer, person.UserName, person.Password);
        using var phone = system.CreateClient();
        var phoneTokens = await phone.GetTokensAsync(person.UserName, person.Password, AppAScopes);
        await using var second = await browser.NewContextAsync();
        var secondPage = await second.NewPageAsync();
        var account = await IdentityServerAccountPage.SignInAsync(secondPage, system.Issuer, person.UserName, person.Password);
        await Expect(account.Rows).ToHaveCountAsync(3);

        await account.SignOutEverywhereAsync(system.Issuer);

        // The first browser's server session is gone: the identity server asks it for the password.
        await firstPage.GotoAsync(IdentityServerAccountPage.UrlOf(system.Issuer).ToString());
        await SignInPage.ExpectAsync(firstPage, system.Issuer);
        Assert.Equal("login_required", (await phone.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Error);
        Assert.Equal("invalid_grant", (await phone.RefreshAsync(phoneTokens.RefreshToken!)).Error);
    }

    [Fact]
    public async Task SignOutThisSession_RemovesOnlyThatRow()
    {
        var person = await system.CreateUserAsync();
        using var phone = system.CreateClient();
        var phoneSession = Jwt.Claim((await phone.GetTokensAsync(person.UserName, person.Password, AppAScopes)).IdToken!, "sid");
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var account = await IdentityServerAccountPage.SignInAsync(page, system.Issuer, person.UserName, person.Password);
        await Expect(account.Rows).ToHaveCountAsync(2);

        await account.SignOutSessionAsync(phoneSession);

        await Expect(account.Notice).ToHaveTextAsync(AccountModel.SessionEndedNotice);
        await Expect(account.Rows).ToHaveCountAsync(1);
        await Expect(account.Row(phoneSession)).ToHaveCountAsync(0);
        await Expect(account.CurrentRow).ToHaveCountAsync(1);
        Assert.Equal("login_required", (await phone.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Error);
    }

    [Fact]
    public async Task PasswordChange_InTheBrowser_SignsOutElsewhere_AndThisBrowserStaysSignedIn()
    {
        var person = await system.CreateUserAsync();
        using var phone = system.CreateClient();
        await phone.GetTokensAsync(person.UserName, person.Password, AppAScopes);
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var account = await IdentityServerAccountPage.SignInAsync(page, system.Issuer, person.UserName, person.Password);
        var before = await account.CurrentSessionIdAsync();

        var passwordPage = await account.OpenPasswordPageAsync();
        account = await passwordPage.ChangeAsync(system.Issuer, person.Password, "a-brand-new-test-passphrase");

        await Expect(account.Notice).ToHaveTextAsync(PasswordModel.ChangedNotice);
        await Expect(account.Rows).ToHaveCountAsync(1);
        Assert.NotEqual(before, await account.CurrentSessionIdAsync());
        // Still signed in here: the apps get in without the form.
        await AccountPage.GoToAsync(page, system.AppBUrl);
        await AccountPage.ExpectAsync(page, system.AppBUrl);
        Assert.Equal("login_required", (await phone.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Error);
    }
}
