using System.Net;
using System.Text.RegularExpressions;
using Sso.Tests.Support;
using Xunit;
using static Microsoft.Playwright.Assertions;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Clients;

/// <summary>A web app registered by an operator signs a person in, in a real browser, with nothing else configured.</summary>
public sealed class BrowserRegistrationTests(ClientsSystem system, BrowserFixture browser)
    : IClassFixture<ClientsSystem>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task OrdersRegisteredFromTheCommandLine_SignsAliceInThroughTheBrowser()
    {
        var port = FreePort.Next();
        var app = new Uri($"http://localhost:{port}/");
        var (exit, output) = await system.RunCommandAsync("clients", "add", "orders-cli", "--name", "Orders (registered by CLI)",
            "--grant-type", "authorization_code,refresh_token", "--consent", "implicit",
            "--redirect-uri", new Uri(app, "signin-oidc").ToString(),
            "--post-logout-redirect-uri", new Uri(app, "signout-callback-oidc").ToString(),
            "--scope", "openid,profile,email,offline_access,billing.read");
        Assert.Equal(0, exit);
        await using var orders = await system.StartOrdersAppAsync(port, "orders-cli", ServerCommand.SecretIn(output));

        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var account = await AccountPage.SignInAsync(page, app, system.Issuer, AliceUserName, AlicePassword);

        await Expect(account.UserName).ToHaveTextAsync(AliceDisplayName);
        await account.SignOutAsync();
    }

    [Fact]
    public async Task AnAdminRegistersOrdersOnTheAdminPages_ThenItSignsHerIn_AndSheRotatesItsSecret_AndDeletesIt()
    {
        var port = FreePort.Next();
        var app = new Uri($"http://localhost:{port}/");
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        // The pages are behind the sign-in page; Alice has the admin role.
        await page.GotoAsync(new Uri(system.Issuer, "admin/clients/edit").ToString());
        await (await SignInPage.ExpectAsync(page, system.Issuer)).SubmitAsync(AliceUserName, AlicePassword);
        await Expect(page).ToHaveURLAsync(new Regex("/admin/clients/edit"));

        await page.Locator("#client-id").FillAsync("orders-page");
        await page.Locator("#display-name").FillAsync("Orders (registered on the admin pages)");
        await page.Locator("#consent-type").SelectOptionAsync("implicit");
        await page.Locator("#grant-refresh").CheckAsync();
        await page.Locator("#redirect-uris").FillAsync("http://orders.example.com/signin-oidc");
        await page.Locator("#scopes").FillAsync("openid profile email offline_access billing.read");
        await page.Locator("#save-client").ClickAsync();
        await Expect(page.Locator("#redirect-uris-error")).ToContainTextAsync("must use https");

        await page.Locator("#redirect-uris").FillAsync(new Uri(app, "signin-oidc").ToString());
        await page.Locator("#post-logout-redirect-uris").FillAsync(new Uri(app, "signout-callback-oidc").ToString());
        await page.Locator("#save-client").ClickAsync();
        var secret = (await page.Locator("#client-secret").InnerTextAsync()).Trim();
        Assert.Equal(43, secret.Length);

        await using (await system.StartOrdersAppAsync(port, "orders-page", secret))
        {
            await AccountPage.GoToAsync(page, app);
            var account = await AccountPage.ExpectAsync(page, app);
            await Expect(account.UserName).ToHaveTextAsync(AliceDisplayName);
        }

        await page.GotoAsync(new Uri(system.Issuer, "admin/clients/orders-page").ToString());
        await page.Locator("#rotate-secret").ClickAsync();
        var rotated = (await page.Locator("#client-secret").InnerTextAsync()).Trim();
        Assert.NotEqual(secret, rotated);
        Assert.True(await system.CanUseSecretAsync("orders-page", rotated));
        Assert.False(await system.CanUseSecretAsync("orders-page", secret));

        await page.Locator("#delete-client").ClickAsync();
        await page.Locator("#confirm-delete").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(system.Issuer, "admin/clients").ToString());
        // The list must be there before its negative check means anything: a missing list contains nothing.
        await Expect(page.Locator("#clients")).ToBeVisibleAsync();
        await Expect(page.Locator("#clients")).Not.ToContainTextAsync("orders-page");
        Assert.Equal(1, (await system.RunCommandAsync("clients", "show", "orders-page")).ExitCode);
    }

    [Fact]
    public async Task SomeoneWithoutTheAdminRole_CannotOpenTheClientPages()
    {
        using var bob = system.CreateClient();
        await bob.SignInAsync(BobUserName, BobPassword);

        using var response = await bob.Http.GetAsync("admin/clients", TestContext.Current.CancellationToken);

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.DoesNotContain(ClientA, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
