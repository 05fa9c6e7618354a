using Microsoft.AspNetCore.WebUtilities;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.SecurityHeaders;

/// <summary>
/// Walks every page and endpoint of the identity server and both apps, signed out and signed in,
/// including errors, redirects and missing pages, and checks the security headers on each answer.
/// </summary>
public sealed class EveryPageTests(FullSystemFixture system) : IClassFixture<FullSystemFixture>
{
    private static readonly string[] ServerPagesSignedOut =
    [
        "", "account/login", "account/login?ReturnUrl=%2Fadmin%2Fusers", "account", "account/password", "admin/users",
        "error", "does-not-exist", "connect/authorize", "connect/authorize?client_id=unknown&response_type=code",
        "connect/endsession", "connect/userinfo", ".well-known/openid-configuration", ".well-known/jwks",
        "health", "health/live", "health/ready", "admin/api/clients", "connect/register/unknown", "css/site.css",
    ];

    private static readonly string[] ServerPagesSignedIn =
    [
        "", "account", "account/password", "admin/users", "admin/users?q=bob", "admin/audit", "admin/clients",
        "admin/clients/" + ClientA, "admin/clients/edit", "admin/clients/edit/" + ClientA, "admin/clients/" + ClientA + "/delete",
        "admin/users/no-such-user", "connect/endsession", "account/login", "does-not-exist",
    ];

    private static readonly string[] AppPagesSignedOut =
    [
        "", "account", "account/sign-in", "account/sign-in-failed", "error", "does-not-exist", "health", "api/orders",
        "api/invoices", "payments", "signout-backchannel", "signin-oidc", "css/site.css",
    ];

    private static readonly string[] AppPagesSignedIn = ["", "account", "payments", "account/sign-in-failed", "does-not-exist"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task IdentityServer_EveryPage_SignedOutAndSignedInAsAnAdmin()
    {
        using var signedOut = system.CreateClient();
        await WalkAsync(signedOut.Http, ServerPagesSignedOut);

        using var admin = await system.SignedInClientAsync(AliceUserName, AlicePassword);
        var aliceId = await system.UserIdOfAsync(AliceUserName);
        var pkce = Pkce.Create();
        var consent = QueryHelpers.AddQueryString("connect/authorize", new Dictionary<string, string?>
        {
            ["client_id"] = Partner, ["redirect_uri"] = PartnerRedirectUri, ["response_type"] = "code", ["scope"] = "openid profile",
            ["state"] = "state", ["nonce"] = "nonce", ["code_challenge"] = pkce.Challenge, ["code_challenge_method"] = "S256",
        });
        await WalkAsync(admin.Http, [.. ServerPagesSignedIn, "admin/users/" + aliceId]);
        using var consentPage = await admin.Http.GetAsync(consent, Cancellation);
        Assert.Equal(System.Net.HttpStatusCode.OK, consentPage.StatusCode);
        Assert.Contains("sso_decision", await consentPage.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        HeaderRules.AssertProtected(consentPage, "the consent page");
        using var post = await admin.Http.PostAsync("account/password", new FormUrlEncodedContent([]), Cancellation);
        HeaderRules.AssertProtected(post, "POST /account/password without a token");
    }

    [Theory]
    [InlineData(ClientApp.A)]
    [InlineData(ClientApp.B)]
    public async Task App_EveryPage_SignedOutAndSignedIn(ClientApp app)
    {
        using (var anonymous = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = system.AppUrl(app) })
        {
            await WalkAsync(anonymous, AppPagesSignedOut);
            using var post = await anonymous.PostAsync("account/sign-out", new FormUrlEncodedContent([]), Cancellation);
            HeaderRules.AssertProtected(post, "POST /account/sign-out without a token");
        }

        // Signed in at the server, then the app's sign-in runs by following its redirects.
        using var server = await system.SignedInClientAsync(AliceUserName, AlicePassword);
        using (var browser = new HttpClient(new HttpClientHandler { CookieContainer = server.Cookies }) { BaseAddress = system.AppUrl(app) })
        {
            using var account = await browser.GetAsync("account", Cancellation);
            Assert.Equal("/account", account.RequestMessage?.RequestUri?.AbsolutePath);
            HeaderRules.AssertProtected(account, $"{app} /account after sign-in");
        }

        using var signedIn = new HttpClient(new HttpClientHandler { CookieContainer = server.Cookies, AllowAutoRedirect = false }) { BaseAddress = system.AppUrl(app) };
        await WalkAsync(signedIn, AppPagesSignedIn);
    }

    private static async Task WalkAsync(HttpClient http, IEnumerable<string> paths)
    {
        foreach (var path in paths)
        {
            using var response = await http.GetAsync(path, Cancellation);
            Assert.True((int)response.StatusCode < 500, $"/{path} answered {(int)response.StatusCode}");
            HeaderRules.AssertProtected(response, $"{http.BaseAddress}{path}");
        }
    }
}
