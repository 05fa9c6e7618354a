using System.Net;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.ClientSessions;

/// <summary>
/// An app page asked with a method it has no handler for answers 405 (found by the fuzz run: a
/// signed-in TRACE or POST to Billing's /account rendered the page without its session and answered 500).
/// </summary>
public sealed class AppPageMethodTests(FullSystemFixture system) : IClassFixture<FullSystemFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ClientApp.A, "TRACE", "account")]
    [InlineData(ClientApp.B, "TRACE", "account")]
    [InlineData(ClientApp.B, "TRACE", "payments")]
    public async Task ASignedInPage_AskedWithAMethodItHasNoHandlerFor_AnswersMethodNotAllowed(ClientApp app, string method, string path)
    {
        var cookies = await SignedInAtAsync(app);
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = system.AppUrl(app) };

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod(method), path), Cancellation);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    /// <summary>A browser's cookies, signed in at the identity server and at the app.</summary>
    private async Task<System.Net.CookieContainer> SignedInAtAsync(ClientApp app)
    {
        using var server = await system.SignedInClientAsync(AliceUserName, AlicePassword);
        using var browser = new HttpClient(new HttpClientHandler { CookieContainer = server.Cookies, AllowAutoRedirect = true });
        using var page = await browser.GetAsync(new Uri(system.AppUrl(app), "account"), Cancellation);
        Assert.Equal("/account", page.RequestMessage?.RequestUri?.AbsolutePath);
        return server.Cookies;
    }
}
