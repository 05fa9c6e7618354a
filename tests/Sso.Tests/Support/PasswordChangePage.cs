using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sso.Tests.Support;

/// <summary>The identity server's change-password form (/account/password) in the browser.</summary>
public sealed class PasswordChangePage
{
    private readonly IPage _page;

    private PasswordChangePage(IPage page) => _page = page;

    public static async Task<PasswordChangePage> ExpectAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await Expect(page.Locator("#password-form")).ToBeVisibleAsync();
        return new PasswordChangePage(page);
    }

    /// <summary>Fills in and submits the form; on success the browser is back on the account page.</summary>
    public async Task<IdentityServerAccountPage> ChangeAsync(Uri issuer, string currentPassword, string newPassword)
    {
        await _page.Locator("#current-password").FillAsync(currentPassword);
        await _page.Locator("#new-password").FillAsync(newPassword);
        await _page.Locator("#confirm-password").FillAsync(newPassword);
        await _page.Locator("#change-password").ClickAsync();
        return await IdentityServerAccountPage.ExpectAsync(_page, issuer);
    }
}
