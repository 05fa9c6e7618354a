using System.Net;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Observability;

/// <summary>
/// The three apps with every log line kept (Trace and up), and their outgoing calls recording what
/// secrets pass: the apps' OpenID Connect back channel, the server's logout notices.
/// </summary>
public sealed class LoggedSystem : SsoSystem
{
    public LoggedSystem()
        : base(withApps: true)
    {
    }

    public CapturedVerboseLog Log { get; } = new();

    public SecretRecorder Secrets { get; } = new();

    protected override void ConfigureHost(ClientApp? app, IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.ConfigureLogging(Log.AddTo);
        builder.ConfigureServices(services =>
        {
            if (app is null)
            {
                services.ConfigureHttpClientDefaults(client => client.AddHttpMessageHandler(() => new RecordingHandler(Secrets)));
            }
            else
            {
                services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme,
                    options => options.BackchannelHttpHandler = new RecordingHandler(Secrets, new HttpClientHandler()));
            }
        });
    }
}

/// <summary>
/// Runs every flow (browser sign-in with a wrong password first, single sign-on, code exchange,
/// refresh, client credentials, introspection, revocation, sign-out) and then looks for each secret
/// it used in everything the three apps logged (down to Trace) and in every span of their traces: none may
/// appear anywhere.
/// </summary>
public sealed class NoSecretsInTelemetryTests(LoggedSystem system, BrowserFixture browser)
    : IClassFixture<LoggedSystem>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task AfterEveryFlow_NoPasswordSecretCodeTokenOrCookie_IsInLogsOrTraces()
    {
        using var activities = new CapturedActivities();
        var secrets = system.Secrets;
        secrets.Add("password", AlicePassword);
        secrets.AddClient(ClientA, ClientASecret);
        secrets.AddClient(ClientB, ClientBSecret);
        secrets.AddClient(Reporting, ReportingSecret);
        secrets.AddClient(BillingApi, BillingApiSecret);

        await RunBrowserFlowsAsync(secrets);
        await RunProtocolFlowsAsync(secrets);
        // The sign-outs sent both apps logout tokens, in the background; their handling is logged too.
        await Eventually.TrueAsync(() => Task.FromResult(secrets.Kinds.Contains("logout_token")), TimeSpan.FromSeconds(10),
            "the identity server sent a logout token");

        // The run really used every kind of secret, so the scan below proves something.
        Assert.Superset(
            new HashSet<string> { "password", "wrong password", "client_secret", "code", "code_verifier", "access_token", "refresh_token", "id_token", "logout_token", "cookie" },
            secrets.Kinds.ToHashSet());
        var logs = system.Log.Entries;
        var spans = activities.TracesTouching(system.ServerPort, system.AppAPort, system.AppBPort).Select(CapturedActivities.Describe).ToList();
        Assert.Contains(logs, entry => entry.StartsWith("Debug OpenIddict", StringComparison.Ordinal));
        Assert.Contains(spans, span => span.Contains("sso.sign_in.callback", StringComparison.Ordinal));

        var leaks = (
            from secret in secrets.All
            from place in logs.Select(entry => ("log", entry)).Concat(spans.Select(span => ("trace", span)))
            where place.Item2.Contains(secret.Key, StringComparison.Ordinal)
            select $"{secret.Value} in a {place.Item1}: {Shorten(place.Item2)}").Distinct().ToList();
        Assert.True(leaks.Count == 0, $"{leaks.Count} leaks:{Environment.NewLine}{string.Join(Environment.NewLine, leaks)}");
    }

    private async Task RunBrowserFlowsAsync(SecretRecorder secrets)
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        using var navigation = new NavigationLog(page);

        await AccountPage.GoToAsync(page, system.AppAUrl);
        var signIn = await SignInPage.ExpectAsync(page, system.Issuer);
        await RememberCookiesAsync(context, secrets); // the app's correlation and nonce cookies
        var wrongPassword = "wrong-" + Guid.NewGuid().ToString("N");
        secrets.Add("wrong password", wrongPassword);
        await signIn.SubmitRefusedAsync(AliceUserName, wrongPassword);
        await signIn.SubmitAsync(AliceUserName, AlicePassword);
        await AccountPage.ExpectAsync(page, system.AppAUrl);
        await AccountPage.GoToAsync(page, system.AppBUrl); // single sign-on: B gets a code of its own
        var atB = await AccountPage.ExpectAsync(page, system.AppBUrl);
        await RememberCookiesAsync(context, secrets);

        await atB.SignOutAsync(); // RP-initiated logout: the ID token rides in the URL as id_token_hint

        foreach (var url in navigation.Urls)
        {
            secrets.Add("code", QueryHelpers.ParseQuery(url.Query).TryGetValue("code", out var code) ? code.ToString() : null);
        }
    }

    private async Task RunProtocolFlowsAsync(SecretRecorder secrets)
    {
        using var person = system.CreateClient();
        using var signIn = await person.SignInAsync(AliceUserName, AlicePassword);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var authorization = await person.AuthorizeAsync(AppAScopes);
        secrets.Add("code", authorization.Code);
        secrets.Add("code_verifier", authorization.Pkce.Verifier);
        var tokens = await person.RedeemCodeAsync(authorization.Code!, authorization.Pkce.Verifier);
        secrets.AddFromTokenResponse(tokens.Body);
        var refreshed = await person.RefreshAsync(tokens.RefreshToken!);
        secrets.AddFromTokenResponse(refreshed.Body);
        Assert.NotNull(refreshed.AccessToken);

        using var api = system.CreateClient(BillingApi, BillingApiSecret);
        var introspection = await api.IntrospectAsync(refreshed.AccessToken);
        Assert.True(introspection.Json.GetProperty("active").GetBoolean(), introspection.Body);

        using var service = system.CreateClient(Reporting, ReportingSecret);
        var serviceTokens = await service.ClientCredentialsAsync("orders.read");
        secrets.AddFromTokenResponse(serviceTokens.Body);
        Assert.NotNull(serviceTokens.AccessToken);

        await person.RevokeAsync(refreshed.RefreshToken!);
        foreach (System.Net.Cookie cookie in person.Cookies.GetAllCookies())
        {
            secrets.Add("cookie", cookie.Value);
        }

        Assert.Equal(HttpStatusCode.Redirect, await person.EndSessionAsync(refreshed.IdToken!));
    }

    private static async Task RememberCookiesAsync(IBrowserContext context, SecretRecorder secrets)
    {
        foreach (var cookie in await context.CookiesAsync())
        {
            secrets.Add("cookie", cookie.Value);
        }
    }

    private static string Shorten(string text) => text.Length <= 600 ? text : text[..600] + "...";
}
