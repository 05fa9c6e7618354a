using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using OpenIddict.Abstractions;
using Sso.IdentityServer.Accounts;
using Sso.IdentityServer.Protocol;
using Sso.Tests.Support;
using Xunit;
using static Microsoft.Playwright.Assertions;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Browser;

/// <summary>
/// A system whose access tokens live 30 s: shorter than the apps' renewal margin (60 s), so every
/// page load renews the token, as the last minute of any real token's life would.
/// </summary>
public sealed class ShortAccessTokenSystem() : SsoSystem(withApps: true)
{
    protected override void ConfigureServer(IDictionary<string, string?> settings) =>
        settings["TokenLifetimes:AccessToken"] = "00:00:30";
}

public sealed class TokenRenewalTests(ShortAccessTokenSystem system, BrowserFixture browser)
    : IClassFixture<ShortAccessTokenSystem>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AnExpiringAccessToken_IsRenewedUnseen_WithoutGoingBackToTheIdentityServer()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await AccountPage.SignInAsync(page, system.AppAUrl, system.Issuer, AliceUserName, AlicePassword);
        var firstExpiry = await ExpiryAsync(page);
        await Task.Delay(TimeSpan.FromSeconds(1.5), TestContext.Current.CancellationToken);

        using var reload = new NavigationLog(page);
        await AccountPage.GoToAsync(page, system.AppAUrl);
        var atA = await AccountPage.ExpectAsync(page, system.AppAUrl);

        await Expect(atA.UserName).ToHaveTextAsync(AliceDisplayName);
        Assert.True(await ExpiryAsync(page) > firstExpiry, "The access token was not renewed.");
        Assert.False(reload.Visited(system.Issuer, "/" + ProtocolRoutes.Authorization), reload.ToString());
        await Expect(atA.PeerApiResult).ToContainTextAsync("Billing answered 200");
    }

    [Fact]
    public async Task RenewedTokens_AreSavedInTheServerSideSession_SoTheNextRenewalUsesTheNewRefreshToken()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await AccountPage.SignInAsync(page, system.AppAUrl, system.Issuer, AliceUserName, AlicePassword);
        await AccountPage.GoToAsync(page, system.AppAUrl);
        var firstRenewal = await ExpiryAsync(page);
        // Past the server's reuse leeway (2 s here): had the session kept the rotated-out refresh
        // token, the next renewal would be refused as a replay and the session would end.
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);

        using var reload = new NavigationLog(page);
        await AccountPage.GoToAsync(page, system.AppAUrl);
        await AccountPage.ExpectAsync(page, system.AppAUrl);

        Assert.True(await ExpiryAsync(page) > firstRenewal, "The access token was not renewed a second time.");
        Assert.False(reload.Visited(system.Issuer, "/" + ProtocolRoutes.Authorization), reload.ToString());
    }

    [Fact]
    public async Task WhenRenewalFails_ThePersonIsSentToSignInAgain_NotShownAnError()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var atA = await AccountPage.SignInAsync(page, system.AppAUrl, system.Issuer, BobUserName, BobPassword);
        var subject = (await atA.Subject.InnerTextAsync()).Trim();

        // What an admin or a replay detection does: every grant and token of the person is
        // revoked. The authorizations first: a renewal still in flight (the browser's favicon
        // request carries the cookie too) may mint a token after the tokens were listed, and only
        // a revoked authorization makes that one unusable as well.
        await using (var scope = system.ServerServices.CreateAsyncScope())
        {
            var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
            await foreach (var authorization in authorizations.FindBySubjectAsync(subject, TestContext.Current.CancellationToken))
            {
                await authorizations.TryRevokeAsync(authorization, TestContext.Current.CancellationToken);
            }

            var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
            await foreach (var token in tokens.FindBySubjectAsync(subject, TestContext.Current.CancellationToken))
            {
                await tokens.TryRevokeAsync(token, TestContext.Current.CancellationToken);
            }
        }

        using var reload = new NavigationLog(page);
        await AccountPage.GoToAsync(page, system.AppAUrl);
        var again = await AccountPage.ExpectAsync(page, system.AppAUrl);

        // The app dropped its session and asked the identity server again; the person's session
        // there is still alive, so they come back signed in without typing anything.
        Assert.True(reload.Visited(system.Issuer, "/" + ProtocolRoutes.Authorization), reload.ToString());
        Assert.False(reload.Visited(system.AppAUrl, "/error"), reload.ToString());
        Assert.False(reload.Visited(system.Issuer, AccountRoutes.Login), reload.ToString());
        await Expect(again.Subject).ToHaveTextAsync(subject);
    }

    private static async Task<DateTimeOffset> ExpiryAsync(IPage page) =>
        DateTimeOffset.Parse(await page.Locator("#access-token-expires").GetAttributeAsync("datetime") ?? "",
            System.Globalization.CultureInfo.InvariantCulture);
}
