using System.Globalization;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Sso.Tests.Support;

/// <summary>Billing's payments page (/payments) in the browser.</summary>
public sealed class PaymentsPage
{
    private readonly IPage _page;

    private PaymentsPage(IPage page) => _page = page;

    public ILocator Payments => _page.Locator("#payments");

    public ILocator StepUpFailed => _page.Locator("#step-up-failed");

    public static Uri UrlOf(Uri app) => new(app, "payments");

    public static async Task GoToAsync(IPage page, Uri app)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.GotoAsync(UrlOf(app).ToString());
    }

    public static async Task<PaymentsPage> ExpectAsync(IPage page, Uri app)
    {
        ArgumentNullException.ThrowIfNull(page);
        await Expect(page).ToHaveURLAsync(UrlOf(app).ToString());
        return new PaymentsPage(page);
    }

    /// <summary>When the page says the password was last confirmed (the ID token's auth_time).</summary>
    public async Task<DateTimeOffset> SignedInAtAsync() =>
        DateTimeOffset.Parse(await _page.Locator("#payments-signed-in-at").GetAttributeAsync("datetime") ?? "", CultureInfo.InvariantCulture);
}
