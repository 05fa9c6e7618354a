using Sso.IdentityServer.Protocol;
using Sso.Tests.Support;
using Xunit;
using static Microsoft.Playwright.Assertions;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.StepUp;

/// <summary>
/// Billing's payments page needs a recent sign-in: past Payments:MaxSignInAge the identity
/// server asks for the password again (max_age), even though the single sign-on session lives.
/// </summary>
public sealed class StepUpTests(StepUpSystem system, BrowserFixture browser)
    : IClassFixture<StepUpSystem>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task RightAfterSigningIn_PaymentsShowWithoutAskingAgain()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await AccountPage.SignInAsync(page, system.AppBUrl, system.Issuer, AliceUserName, AlicePassword);

        using var visit = new NavigationLog(page);
        await page.Locator("#payments-link").ClickAsync();
        var payments = await PaymentsPage.ExpectAsync(page, system.AppBUrl);

        await Expect(payments.Payments).ToContainTextAsync("PAY-");
        Assert.False(visit.Visited(system.Issuer, "/" + ProtocolRoutes.Authorization), visit.ToString());
    }

    [Fact]
    public async Task OldSignIn_PaymentsAskForThePasswordAgain_ThenShow()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        await AccountPage.SignInAsync(page, system.AppBUrl, system.Issuer, BobUserName, BobPassword);
        await PaymentsPage.GoToAsync(page, system.AppBUrl);
        var firstSignIn = await (await PaymentsPage.ExpectAsync(page, system.AppBUrl)).SignedInAtAsync();
        // Wait out the allowed age, tolerance included (auth_time has whole seconds: one more).
        var tooOldFrom = firstSignIn + StepUpSystem.MaxSignInAge + StepUpSystem.ClockSkew + TimeSpan.FromSeconds(1);
        await Task.Delay(Max(tooOldFrom - DateTimeOffset.UtcNow, TimeSpan.Zero), TestContext.Current.CancellationToken);

        using var stepUp = new NavigationLog(page);
        await PaymentsPage.GoToAsync(page, system.AppBUrl);

        // The single sign-on session is alive, yet the server shows the password form.
        var signIn = await SignInPage.ExpectAsync(page, system.Issuer);
        Assert.Contains(stepUp.Urls, url => url.AbsolutePath == "/" + ProtocolRoutes.Authorization && url.Query.Contains($"max_age={StepUpSystem.MaxSignInAge.TotalSeconds}", StringComparison.Ordinal));
        await signIn.SubmitAsync(BobUserName, BobPassword);
        var payments = await PaymentsPage.ExpectAsync(page, system.AppBUrl);
        await Expect(payments.Payments).ToContainTextAsync("PAY-");
        Assert.True(await payments.SignedInAtAsync() > firstSignIn, "auth_time did not move forward.");
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
