using System.Net;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Resilience;

/// <summary>The database goes away and comes back while the server keeps running.</summary>
public sealed class DatabaseOutageTests(DatabaseOutageSystem system) : IClassFixture<DatabaseOutageSystem>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task WhileTheDatabaseIsDown_TheServerAnswers503_AndRecoversByItselfWhenItIsBack()
    {
        DatabaseOutageSystem.SkipUnlessPostgreSql();
        using var browser = system.CreateClient();
        var tokens = await browser.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);
        using var stranger = system.CreateClient();
        var signInForm = await stranger.GetFormTokenAsync("account/login");
        using var balancer = system.CreateClient(); // polls health with no cookie

        system.Forwarder.Cut();
        try
        {
            // A load balancer stops routing here, but does not restart the process.
            Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusOfAsync(balancer, "health/ready"));
            Assert.Equal(HttpStatusCode.OK, await StatusOfAsync(balancer, "health/live"));

            // Programs: the OAuth-style error, with a hint when to try again.
            var refresh = await browser.RefreshAsync(tokens.RefreshToken!);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refresh.Status);
            Assert.Equal("temporarily_unavailable", refresh.Error);
            Assert.NotNull(refresh.Headers.RetryAfter);
            var introspection = await browser.IntrospectAsync(tokens.AccessToken!);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, introspection.Status);
            Assert.Equal("temporarily_unavailable", introspection.Error);

            // People: a page that says what is going on, for a signed-in browser and for a sign-in.
            var authorize = await browser.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none");
            AssertUnavailablePage(authorize.Status, authorize.Body);
            using var signIn = await stranger.Http.PostAsync("account/login", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Input.UserName"] = BobUserName,
                ["Input.Password"] = BobPassword,
                ["__RequestVerificationToken"] = signInForm,
            }), Cancellation);
            AssertUnavailablePage(signIn.StatusCode, await signIn.Content.ReadAsStringAsync(Cancellation));
            Assert.NotNull(signIn.Headers.RetryAfter);
        }
        finally
        {
            system.Forwarder.Restore();
        }

        await Eventually.TrueAsync(async () => await StatusOfAsync(balancer, "health/ready") == HttpStatusCode.OK,
            TimeSpan.FromSeconds(30), "the instance is ready again once the database is back");
        var refreshed = await browser.RefreshAsync(tokens.RefreshToken!);
        Assert.True(refreshed.AccessToken is not null, refreshed.Body);
        Assert.NotNull((await browser.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Code);
        Assert.True(await system.CanSignInAsync(BobUserName, BobPassword));
    }

    private static void AssertUnavailablePage(HttpStatusCode status, string html)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("temporarily unavailable", html, StringComparison.Ordinal);
        Assert.Contains("<code id=\"error-code\">temporarily_unavailable</code>", html, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> StatusOfAsync(OAuthTestClient client, string path)
    {
        using var response = await client.Http.GetAsync(path, Cancellation);
        return response.StatusCode;
    }
}
