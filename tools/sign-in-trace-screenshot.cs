#:package Microsoft.Playwright
#:property TreatWarningsAsErrors=false
#:property PublishAot=false
// Checks that the dashboard of a running ./start.sh receives every app's telemetry, and takes the
// README's picture of one sign-in trace:
//   ./start.sh            (in another terminal)
//   dotnet run tools/sign-in-trace-screenshot.cs [docs/images/sign-in-trace.png]
// Signs alice in at Orders with Debian's chromium, reads the sign-in's trace id from the
// traceparent parameter of the authorization request, opens that trace in the dashboard and
// screenshots it; then checks the traces, structured logs and metrics pages name all three services.
using System.Text.RegularExpressions;
using Microsoft.Playwright;

const string Orders = "http://localhost:5001/";
const string Dashboard = "http://localhost:18888/";
string[] services = ["sso-identity-server", "sso-orders", "sso-billing"];
var output = args.Length > 0 ? args[0] : "docs/images/sign-in-trace.png";

Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
using var playwright = await Playwright.CreateAsync();
await using var browser = await playwright.Chromium.LaunchAsync(new()
{
    ExecutablePath = "/usr/bin/chromium",
    Headless = true,
    Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});
var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1600, Height = 1000 } });
context.SetDefaultTimeout(30_000);
var page = await context.NewPageAsync();

string? traceId = null;
page.Request += (_, request) =>
{
    if (Regex.Match(request.Url, "/connect/authorize\\?.*traceparent=00-([0-9a-f]{32})-") is { Success: true } match)
    {
        traceId ??= match.Groups[1].Value;
    }
};
await page.GotoAsync(Orders + "account");
await page.Locator("#username").FillAsync("alice");
await page.Locator("#password").FillAsync("alice-demo-passphrase");
await page.Locator("#sign-in").ClickAsync();
// Not WaitForURLAsync, which can miss a page's load event and hang (microsoft/playwright-dotnet#3364).
await Assertions.Expect(page).ToHaveURLAsync(Orders + "account", new() { Timeout = 30_000 });
Console.WriteLine($"Signed in at Orders; the sign-in's trace is {traceId ?? "(none: no traceparent in the authorization request)"}");
if (traceId is null)
{
    return 1;
}

// The apps export in batches every few seconds: reload until the trace shows all three services.
var dashboard = await context.NewPageAsync();
var seen = false;
for (var attempt = 0; attempt < 20 && !seen; attempt++)
{
    await dashboard.GotoAsync($"{Dashboard}traces/detail/{traceId}", new() { WaitUntil = WaitUntilState.NetworkIdle });
    var text = await dashboard.Locator("body").InnerTextAsync();
    seen = services.All(service => text.Contains(service, StringComparison.Ordinal));
    if (!seen)
    {
        await Task.Delay(2_000);
    }
}

await dashboard.ScreenshotAsync(new() { Path = output });
Console.WriteLine($"{(seen ? "The trace spans all three services" : "The trace does NOT show all three services")}; screenshot in {output}");

var missing = new List<string>();
foreach (var (name, path) in new[] { ("traces", "traces"), ("structured logs", "structuredlogs"), ("metrics", "metrics") })
{
    await dashboard.GotoAsync(Dashboard + path, new() { WaitUntil = WaitUntilState.NetworkIdle });
    // The resource picker lists every service that sent this kind of telemetry.
    var html = await dashboard.ContentAsync();
    foreach (var service in services.Where(service => !html.Contains(service, StringComparison.Ordinal)))
    {
        missing.Add($"{service} has no {name}");
    }
}

Console.WriteLine(missing.Count == 0 ? "Traces, structured logs and metrics of all three services reached the dashboard." : string.Join(Environment.NewLine, missing));
return seen && missing.Count == 0 ? 0 : 1;
