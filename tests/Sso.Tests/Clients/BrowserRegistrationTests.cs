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
}
