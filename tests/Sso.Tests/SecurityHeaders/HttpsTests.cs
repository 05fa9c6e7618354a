using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.SecurityHeaders;

/// <summary>
/// On https (Production): HSTS on every page, and every cookie the server and the app set for the
/// whole site carries the __Host- prefix, Secure and HttpOnly. The OpenID Connect correlation and
/// nonce cookies are the exception: they are scoped to /signin-oidc, which __Host- forbids.
/// </summary>
public sealed partial class HttpsTests(HttpsSystem system) : IClassFixture<HttpsSystem>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SigningInToOrders_OverHttps_SetsOnlyHostPrefixedSecureCookies_AndEveryPageSendsHsts()
    {
        var jar = new CookieContainer();
        using var server = system.Server.CreateDefaultClient(HttpsSystem.ServerUrl, new CookieContainerHandler(jar));
        using var app = system.App.CreateDefaultClient(HttpsSystem.AppUrl, new CookieContainerHandler(jar));
        var cookies = new List<string>();

        // Orders sends the person to the identity server, which asks them to sign in.
        var challenge = await StepAsync(app, HttpMethod.Get, "account", HttpStatusCode.Redirect, cookies);
        Assert.StartsWith(new Uri(HttpsSystem.ServerUrl, "connect/authorize").ToString(), challenge.Location!.ToString(), StringComparison.Ordinal);
        var toLogin = await StepAsync(server, HttpMethod.Get, challenge.Location.PathAndQuery, HttpStatusCode.Redirect, cookies);
        var loginPath = toLogin.Location!.IsAbsoluteUri ? toLogin.Location.PathAndQuery : toLogin.Location.OriginalString;
        var form = await StepAsync(server, HttpMethod.Get, loginPath, HttpStatusCode.OK, cookies);
        var token = WebUtility.HtmlDecode(AntiforgeryField().Match(form.Body).Groups[1].Value);

        var signedIn = await StepAsync(server, HttpMethod.Post, loginPath, HttpStatusCode.Redirect, cookies, new FormUrlEncodedContent(
        [
            KeyValuePair.Create("Input.UserName", AliceUserName), KeyValuePair.Create("Input.Password", AlicePassword),
            KeyValuePair.Create("__RequestVerificationToken", token),
        ]));
        var toApp = await StepAsync(server, HttpMethod.Get, signedIn.Location!.OriginalString, HttpStatusCode.Redirect, cookies);
        Assert.StartsWith(new Uri(HttpsSystem.AppUrl, "signin-oidc").ToString(), toApp.Location!.ToString(), StringComparison.Ordinal);
        var back = await StepAsync(app, HttpMethod.Get, toApp.Location.PathAndQuery, HttpStatusCode.Redirect, cookies);
        var account = await StepAsync(app, HttpMethod.Get, back.Location!.OriginalString, HttpStatusCode.OK, cookies);
        Assert.Contains(AliceDisplayName, account.Body, StringComparison.Ordinal);
        foreach (var page in (string[])["", "error", "does-not-exist"])
        {
            await StepAsync(app, HttpMethod.Get, page, null, cookies);
            await StepAsync(server, HttpMethod.Get, page, null, cookies);
        }

        // Every cookie set on the way: the sessions and antiforgery cookies of both, __Host- and Secure.
        var names = cookies.Select(cookie => cookie.Split('=', 2)[0]).Distinct().ToList();
        Assert.Contains("__Host-sso.session", names);
        Assert.Contains("__Host-sso.antiforgery", names);
        Assert.Contains("__Host-orders.session", names);
        Assert.Contains("__Host-orders.session.antiforgery", names);
        foreach (var cookie in cookies)
        {
            var attributes = cookie.ToLowerInvariant();
            Assert.True(attributes.Contains("; secure", StringComparison.Ordinal), $"not Secure: {cookie}");
            Assert.True(attributes.Contains("; httponly", StringComparison.Ordinal), $"not HttpOnly: {cookie}");
            if (cookie.StartsWith("orders.session.correlation.", StringComparison.Ordinal) || cookie.StartsWith("orders.session.nonce.", StringComparison.Ordinal))
            {
                Assert.Contains("path=/signin-oidc", attributes, StringComparison.Ordinal);
            }
            else
            {
                Assert.True(cookie.StartsWith("__Host-", StringComparison.Ordinal), $"no __Host- prefix: {cookie}");
                Assert.Contains("path=/", attributes, StringComparison.Ordinal);
                Assert.DoesNotContain("domain=", attributes, StringComparison.Ordinal);
            }
        }
    }

    private static async Task<(Uri? Location, string Body)> StepAsync(
        HttpClient http, HttpMethod method, string path, HttpStatusCode? expected, List<string> cookies, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await http.SendAsync(request, Cancellation);
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        var what = $"{method} {http.BaseAddress}{path.TrimStart('/')}";
        if (expected is { } status)
        {
            Assert.True(response.StatusCode == status, $"{what} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 300)]}");
        }

        Assert.True((int)response.StatusCode < 500, $"{what} answered {(int)response.StatusCode}");
        HeaderRules.AssertProtected(response, what);
        Assert.True(response.Headers.TryGetValues("Strict-Transport-Security", out var hsts) && hsts.Single().Contains("max-age=", StringComparison.Ordinal),
            $"{what}: no Strict-Transport-Security");
        if (response.Headers.TryGetValues("Set-Cookie", out var set))
        {
            cookies.AddRange(set);
        }

        return (response.Headers.Location, body);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
