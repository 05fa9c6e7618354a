using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Sso.IdentityServer.Accounts;
using static Microsoft.Playwright.Assertions;

namespace Sso.Tests.Support;

/// <summary>The identity server's sign-in form (/account/login), as a person sees it in the browser.</summary>
public sealed class SignInPage
{
    private readonly IPage _page;

    private SignInPage(IPage page) => _page = page;

    public ILocator Error => _page.Locator("#login-error");

    /// <summary>Waits until the browser shows the sign-in form of <paramref name="issuer"/>.</summary>
    public static async Task<SignInPage> ExpectAsync(IPage page, Uri issuer)
    {
        ArgumentNullException.ThrowIfNull(page);
        await Expect(page).ToHaveURLAsync(AddressOf(issuer));
        await Expect(page.Locator("#username")).ToBeVisibleAsync();
        return new SignInPage(page);
    }

    /// <summary>True for the sign-in form's URL at <paramref name="issuer"/>, whatever its ReturnUrl.</summary>
    public static bool IsSignInForm(string url, Uri issuer) => AddressOf(issuer).IsMatch(url);

    private static Regex AddressOf(Uri issuer)
    {
        ArgumentNullException.ThrowIfNull(issuer);
        var form = Regex.Escape(issuer.GetLeftPart(UriPartial.Authority) + AccountRoutes.Login);
        return new Regex($"^{form}([?#]|$)", RegexOptions.IgnoreCase);
    }

    /// <summary>Types the credentials and submits; the caller waits for where that leads.</summary>
    public async Task SubmitAsync(string userName, string password)
    {
        await _page.Locator("#username").FillAsync(userName);
        await _page.Locator("#password").FillAsync(password);
        await _page.Locator("#sign-in").ClickAsync();
    }

    /// <summary>Submits credentials that must be refused and returns the error the page shows.</summary>
    public async Task<string> SubmitRefusedAsync(string userName, string password)
    {
        await SubmitAsync(userName, password);
        // The answer is a new page whose password field is empty (the server never echoes a
        // password): waiting for that, not for the error, skips an error left from an earlier try.
        await Expect(_page.Locator("#password")).ToHaveValueAsync("");
        await Expect(Error).ToBeVisibleAsync();
        return (await Error.InnerTextAsync()).Trim();
    }
}
