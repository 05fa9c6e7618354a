using Sso.Tests.Support;
using Xunit;
using static Microsoft.Playwright.Assertions;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Admin;

/// <summary>An admin's journey in a real browser: sign in, find a person, end one of their sessions.</summary>
public sealed class AdminBrowserTests(IdentityServerFixture system, BrowserFixture browser)
    : IClassFixture<IdentityServerFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Admin_FindsBob_SeesHisSessions_AndEndsOne()
    {
        using var bobsPhone = system.CreateClient();
        var phoneTokens = await bobsPhone.GetTokensAsync(BobUserName, BobPassword, AppAScopes);
        var phoneSession = Jwt.Claim(phoneTokens.IdToken!, "sid");
        using var bobsLaptop = system.CreateClient();
        var laptopSession = Jwt.Claim((await bobsLaptop.GetTokensAsync(BobUserName, BobPassword, AppAScopes)).IdToken!, "sid");
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        var results = await AdminUserPage.SignInAndSearchAsync(page, system.Issuer, AliceUserName, AlicePassword, "bob");
        await Expect(results).ToHaveCountAsync(1);
        var bob = await AdminUserPage.OpenAsync(page, BobUserName);
        await Expect(bob.Row(phoneSession)).ToHaveCountAsync(1);
        await Expect(bob.Row(laptopSession)).ToHaveCountAsync(1);

        await bob.EndSessionAsync(phoneSession);

        await Expect(bob.Row(phoneSession)).ToHaveCountAsync(0);
        await Expect(bob.Row(laptopSession)).ToHaveCountAsync(1);
        Assert.Equal("login_required", (await bobsPhone.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Error);
        Assert.Equal("invalid_grant", (await bobsPhone.RefreshAsync(phoneTokens.RefreshToken!)).Error);
        Assert.NotNull((await bobsLaptop.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Code);
    }

    [Fact]
    public async Task HomePage_LinksTheAdminPages_ForAdminsOnly()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await IdentityServerAccountPage.SignInAsync(page, system.Issuer, BobUserName, BobPassword);
        await page.GotoAsync(system.Issuer.ToString());
        await Expect(page.Locator("#account-link")).ToBeVisibleAsync();
        await Expect(page.Locator("#admin-link")).ToHaveCountAsync(0);

        await using var adminContext = await browser.NewContextAsync();
        var adminPage = await adminContext.NewPageAsync();
        await IdentityServerAccountPage.SignInAsync(adminPage, system.Issuer, AliceUserName, AlicePassword);
        await adminPage.GotoAsync(system.Issuer.ToString());
        await adminPage.Locator("#admin-link").ClickAsync();
        await Expect(adminPage.Locator("#user-search")).ToBeVisibleAsync();
    }
}
