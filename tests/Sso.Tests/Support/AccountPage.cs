using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sso.Tests.Support;

/// <summary>A client app's signed-in page (/account) in the browser: who is signed in, and the other app's API answer.</summary>
public sealed class AccountPage
{
    private readonly IPage _page;

    private AccountPage(IPage page, Uri app)
    {
        _page = page;
        App = app;
    }

    public Uri App { get; }

    public static Uri UrlOf(Uri app) => new(app, "account");

    public ILocator UserName => _page.Locator("#user-name");

    public ILocator Subject => _page.Locator("#user-subject");

    public ILocator PeerApiResult => _page.Locator("#peer-api-result");

    /// <summary>The identity server's session id (sid) this app's session came from, or "none".</summary>
    public ILocator SessionId => _page.Locator("#session-id");

    /// <summary>Opens /account at <paramref name="app"/>; a signed-out browser is sent on to the identity server from there.</summary>
    public static async Task GoToAsync(IPage page, Uri app)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(UrlOf(app).ToString());
    }

    /// <summary>Waits until the browser is back on <paramref name="app"/>'s /account page.</summary>
    public static async Task<AccountPage> ExpectAsync(IPage page, Uri app)
    {
        ArgumentNullException.ThrowIfNull(page);
        await Expect(page).ToHaveURLAsync(UrlOf(app).ToString());
        return new AccountPage(page, app);
    }

    /// <summary>Opens /account at <paramref name="app"/> and signs in at the identity server when asked to.</summary>
    public static async Task<AccountPage> SignInAsync(IPage page, Uri app, Uri issuer, string userName, string password)
    {
        await GoToAsync(page, app);
        var signIn = await SignInPage.ExpectAsync(page, issuer);
        await signIn.SubmitAsync(userName, password);
        return await ExpectAsync(page, app);
    }

    /// <summary>Presses "Sign out" (a POST with an antiforgery token) and waits for the app's home page.</summary>
    public async Task SignOutAsync()
    {
        await _page.Locator("#sign-out").ClickAsync();
        await Expect(_page).ToHaveURLAsync(App.ToString());
    }
}
