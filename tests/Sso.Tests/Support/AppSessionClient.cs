using System.Net;
using System.Text.RegularExpressions;
using Xunit;

namespace Sso.Tests.Support;

/// <summary>
/// A signed-in session at one app without a browser: one cookie jar for the identity server and
/// the app, the real sign-in form, and the app's own OpenID Connect redirects followed as a
/// browser would. Cheap enough to give every test case a session of its own.
/// </summary>
public sealed partial class AppSessionClient : IDisposable
{
    private readonly OAuthTestClient _server;
    private readonly HttpClient _browsing;
    private readonly HttpClient _probing;

    private AppSessionClient(SsoSystem system, ClientApp app, OAuthTestClient? sameBrowserAs = null)
    {
        App = system.AppUrl(app);
        _server = sameBrowserAs is null ? system.CreateClient() : system.CreateClientInSameBrowser(sameBrowserAs, sameBrowserAs.ClientId, sameBrowserAs.ClientSecret!);
        _browsing = new HttpClient(new HttpClientHandler { CookieContainer = _server.Cookies, AllowAutoRedirect = true }) { BaseAddress = App };
        _probing = new HttpClient(new HttpClientHandler { CookieContainer = _server.Cookies, AllowAutoRedirect = false }) { BaseAddress = App };
    }

    public Uri App { get; }

    /// <summary>This browser at the identity server (its cookies), e.g. to use the server's own pages.</summary>
    public OAuthTestClient IdentityServer => _server;

    /// <summary>The person's sub, as the app's account page shows it.</summary>
    public string Subject { get; private set; } = "";

    /// <summary>The identity server's session id (sid) the app's session came from; null if the ID token had none.</summary>
    public string? SessionId { get; private set; }

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Signs in at the identity server, then opens the app's account page (which signs in to the app).</summary>
    public static async Task<AppSessionClient> SignInAsync(SsoSystem system, ClientApp app, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(system);
        var client = new AppSessionClient(system, app);
        try
        {
            using var signIn = await client._server.SignInAsync(userName, password);
            Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
            await client.OpenAccountPageAsync();
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Opens another app in the same browser: single sign-on through the identity server's session, no password.</summary>
    public async Task<AppSessionClient> OpenAppInSameBrowserAsync(SsoSystem system, ClientApp app)
    {
        var client = new AppSessionClient(system, app, _server);
        try
        {
            await client.OpenAccountPageAsync();
            return client;
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    /// <summary>Opens /account, following redirects (a silent sign-in at the server if the app's session ended).</summary>
    public async Task OpenAccountPageAsync()
    {
        using var response = await _browsing.GetAsync("account", Cancellation);
        var html = await response.Content.ReadAsStringAsync(Cancellation);
        Assert.True(response.StatusCode == HttpStatusCode.OK && response.RequestMessage?.RequestUri?.AbsolutePath == "/account",
            $"Not on the account page: {(int)response.StatusCode} {response.RequestMessage?.RequestUri}");
        Subject = WebUtility.HtmlDecode(SubjectOnPage().Match(html).Groups[1].Value);
        var sid = WebUtility.HtmlDecode(SessionIdOnPage().Match(html).Groups[1].Value);
        SessionId = sid is "" or "none" ? null : sid;
    }

    /// <summary>True while the app still has this browser's session: /account answers without sending it to the identity server.</summary>
    public async Task<bool> IsSignedInAtAppAsync()
    {
        using var response = await _probing.GetAsync("account", Cancellation);
        return response.StatusCode switch
        {
            HttpStatusCode.OK => true,
            HttpStatusCode.Redirect => false,
            _ => throw new InvalidOperationException($"/account answered {(int)response.StatusCode}."),
        };
    }

    public void Dispose()
    {
        _browsing.Dispose();
        _probing.Dispose();
        _server.Dispose();
    }

    [GeneratedRegex("id=\"user-subject\">([^<]*)<")]
    private static partial Regex SubjectOnPage();

    [GeneratedRegex("id=\"session-id\">([^<]*)<")]
    private static partial Regex SessionIdOnPage();
}
