using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sso.Tests.Support;

/// <summary>The admin pages in the browser: the user search (/admin/users) and one user (/admin/users/{id}).</summary>
public sealed class AdminUserPage
{
    private readonly IPage _page;

    private AdminUserPage(IPage page) => _page = page;

    public ILocator UserName => _page.Locator("#user-name");

    public ILocator State => _page.Locator("#state");

    public ILocator Notice => _page.Locator("#notice");

    public ILocator Rows => _page.Locator("#sessions tbody tr");

    public ILocator Row(string sessionId) => _page.Locator($"#sessions tr[data-session-id=\"{sessionId}\"]");

    /// <summary>Opens the user search signed out, signs in as an admin, and searches for <paramref name="query"/>.</summary>
    public static async Task<ILocator> SignInAndSearchAsync(IPage page, Uri issuer, string userName, string password, string query)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(new Uri(issuer, "admin/users").ToString());
        var signIn = await SignInPage.ExpectAsync(page, issuer);
        await signIn.SubmitAsync(userName, password);
        await Expect(page.Locator("#user-search")).ToBeVisibleAsync();
        await page.Locator("#q").FillAsync(query);
        await page.Locator("#find-users").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("[?&]q="));
        return page.Locator("#users tbody tr");
    }

    /// <summary>Clicks a user in the search results and waits for their page.</summary>
    public static async Task<AdminUserPage> OpenAsync(IPage page, string userName)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.Locator("#users a.user-link", new PageLocatorOptions { HasTextString = userName }).ClickAsync();
        await Expect(page.Locator("#user-name")).ToHaveTextAsync(userName);
        return new AdminUserPage(page);
    }

    /// <summary>Ends one session and waits for the page to come back with its notice.</summary>
    public async Task EndSessionAsync(string sessionId)
    {
        await Row(sessionId).Locator("button.end-session").ClickAsync();
        await Expect(Notice).ToBeVisibleAsync();
    }

    public async Task BanAsync()
    {
        await _page.Locator("#lock-user").ClickAsync();
        await Expect(Notice).ToBeVisibleAsync();
    }
}
