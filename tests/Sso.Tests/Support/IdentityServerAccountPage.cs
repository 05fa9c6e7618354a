using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sso.Tests.Support;

/// <summary>The identity server's own account page (/account) in the browser: the person's sessions.</summary>
public sealed class IdentityServerAccountPage
{
    private readonly IPage _page;

    private IdentityServerAccountPage(IPage page) => _page = page;

    public static Uri UrlOf(Uri issuer) => new(issuer, "account");

    public ILocator Rows => _page.Locator("#sessions tbody tr");

    public ILocator CurrentRow => _page.Locator("#sessions tr.current");

    public ILocator Notice => _page.Locator("#notice");

    public ILocator Row(string sessionId) => _page.Locator($"#sessions tr[data-session-id=\"{sessionId}\"]");

    /// <summary>Opens /account; the browser must already be signed in at the identity server.</summary>
    public static async Task<IdentityServerAccountPage> GoToAsync(IPage page, Uri issuer)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(UrlOf(issuer).ToString());
        return await ExpectAsync(page, issuer);
    }

    /// <summary>Opens /account signed out, signs in on the form it leads to, and lands back on /account.</summary>
    public static async Task<IdentityServerAccountPage> SignInAsync(IPage page, Uri issuer, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(UrlOf(issuer).ToString());
        var signIn = await SignInPage.ExpectAsync(page, issuer);
        await signIn.SubmitAsync(userName, password);
        return await ExpectAsync(page, issuer);
    }

    public static async Task<IdentityServerAccountPage> ExpectAsync(IPage page, Uri issuer)
    {
        ArgumentNullException.ThrowIfNull(page);
        await Expect(page).ToHaveURLAsync(UrlOf(issuer).ToString());
        await Expect(page.Locator("#sign-out-everywhere")).ToBeVisibleAsync();
        return new IdentityServerAccountPage(page);
    }

    public async Task<string> CurrentSessionIdAsync() =>
        await CurrentRow.GetAttributeAsync("data-session-id") ?? throw new InvalidOperationException("No current session row.");

    /// <summary>Presses a row's "Sign out this session" and waits for the page to come back with its notice.</summary>
    public async Task SignOutSessionAsync(string sessionId)
    {
        await Row(sessionId).Locator("button.end-session").ClickAsync();
        await Expect(Notice).ToBeVisibleAsync();
    }

    /// <summary>Presses "Sign out everywhere"; the browser lands on the sign-in form.</summary>
    public async Task<SignInPage> SignOutEverywhereAsync(Uri issuer)
    {
        await _page.Locator("#sign-out-everywhere").ClickAsync();
        return await SignInPage.ExpectAsync(_page, issuer);
    }

    /// <summary>Follows the link to the change-password form.</summary>
    public async Task<PasswordChangePage> OpenPasswordPageAsync()
    {
        await _page.Locator("#change-password-link").ClickAsync();
        return await PasswordChangePage.ExpectAsync(_page);
    }
}
