using System.Net;
using Microsoft.AspNetCore.WebUtilities;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Protocol;

/// <summary>RP-initiated logout (OpenID Connect RP-Initiated Logout 1.0).</summary>
public sealed class EndSessionTests(IdentityServerFixture system) : IClassFixture<IdentityServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private string PostLogoutUriA => new Uri(system.AppAUrl, "signout-callback-oidc").ToString();

    [Fact]
    public async Task ValidHint_AndRegisteredPostLogoutUri_SendTheBrowserBackWithItsState_AndEndTheSession()
    {
        using var client = system.CreateClient();
        var tokens = await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);

        using var response = await client.Http.GetAsync(QueryHelpers.AddQueryString("connect/endsession", new Dictionary<string, string?>
        {
            ["id_token_hint"] = tokens.IdToken, ["post_logout_redirect_uri"] = PostLogoutUriA, ["state"] = "keep-me",
        }), Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(PostLogoutUriA, response.Headers.Location!.GetLeftPart(UriPartial.Path));
        Assert.Equal("keep-me", QueryHelpers.ParseQuery(response.Headers.Location.Query)["state"].ToString());
        Assert.Equal("login_required", (await client.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Error);
    }

    [Theory]
    [InlineData("https://evil.example/signout-callback-oidc")]
    [InlineData("{0}signout-callback-oidc/")]
    [InlineData("{0}signout-callback-oidc?x=1")]
    public async Task UnregisteredOrAlteredPostLogoutUri_RedirectsNowhere(string template)
    {
        using var client = system.CreateClient();
        var tokens = await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);
        var uri = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, system.AppAUrl);

        using var response = await client.Http.GetAsync(QueryHelpers.AddQueryString("connect/endsession", new Dictionary<string, string?>
        {
            ["id_token_hint"] = tokens.IdToken, ["post_logout_redirect_uri"] = uri,
        }), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Null(response.Headers.Location);
    }

    [Fact]
    public async Task ClientIdThatIsNotTheHintsAudience_IsRefused()
    {
        using var client = system.CreateClient();
        var tokens = await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);

        using var response = await client.Http.GetAsync(QueryHelpers.AddQueryString("connect/endsession", new Dictionary<string, string?>
        {
            ["id_token_hint"] = tokens.IdToken, ["client_id"] = ClientB, ["post_logout_redirect_uri"] = PostLogoutUriA,
        }), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await client.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Code);
    }

    [Fact]
    public async Task WithoutAHint_AGetOnlyAsksForConfirmation_AndTheSessionStays()
    {
        using var client = system.CreateClient();
        await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);

        using var response = await client.Http.GetAsync("connect/endsession", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"confirm-sign-out\"", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.NotNull((await client.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Code);
    }

    [Fact]
    public async Task ConfirmationPost_WithoutTheAntiforgeryToken_Is400_AndTheSessionStays()
    {
        using var client = system.CreateClient();
        await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);

        using var response = await client.Http.PostAsync("connect/endsession",
            new FormUrlEncodedContent([KeyValuePair.Create("sso_decision", "sign-out")]), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await client.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Code);
    }

    [Fact]
    public async Task ConfirmationPost_WithTheAntiforgeryToken_SignsOut()
    {
        using var client = system.CreateClient();
        await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);
        var antiforgery = await client.GetFormTokenAsync("connect/endsession");

        using var response = await client.Http.PostAsync("connect/endsession", new FormUrlEncodedContent(
        [
            KeyValuePair.Create("sso_decision", "sign-out"), KeyValuePair.Create("__RequestVerificationToken", antiforgery),
        ]), Cancellation);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("login_required", (await client.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Error);
    }
}
