using Microsoft.Playwright;
using Xunit;

namespace Sso.Tests.Support;

/// <summary>
/// One headless Chromium per test class (launching costs seconds; a context costs milliseconds),
/// and a fresh context per test, so no cookie or storage leaks from one test into the next.
/// The browser is Debian's /usr/bin/chromium: Playwright's own browsers are never downloaded.
/// </summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>
    /// For every action, navigation and Expect assertion (Playwright's assertion default is 5 s): long enough
    /// for a cold sign-in on a busy 2-core machine, short enough that a broken flow fails quickly. A passing
    /// assertion returns as soon as it holds, so only failures wait this long.
    /// </summary>
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(30);

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public async ValueTask InitializeAsync()
    {
        // Belt and braces: launching with ExecutablePath needs no Playwright browser, and this
        // makes sure nothing in the driver ever tries to fetch one.
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (see STACK.md).");
        }

        Assertions.SetDefaultExpectTimeout((float)StepTimeout.TotalMilliseconds);
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args =
            [
                "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync",
            ],
        });
    }

    /// <summary>A new, empty browser profile (no cookies); the test disposes it.</summary>
    public async Task<IBrowserContext> NewContextAsync()
    {
        var browser = _browser ?? throw new InvalidOperationException("The browser is not running.");
        var context = await browser.NewContextAsync();
        context.SetDefaultTimeout((float)StepTimeout.TotalMilliseconds);
        context.SetDefaultNavigationTimeout((float)StepTimeout.TotalMilliseconds);
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
    }
}
