using System.Net;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Protocol;

/// <summary>
/// Bad authorization requests. When the client or its redirect URI cannot be trusted, the person
/// gets an error page and nobody is redirected (RFC 6749 §4.1.2.1); otherwise the client gets the
/// standard error at its registered redirect URI.
/// </summary>
public sealed class AuthorizationRequestErrorTests(IdentityServerFixture system) : IClassFixture<IdentityServerFixture>
{
    [Theory]
    [InlineData("{0}signin-oidc?extra=1")]
    [InlineData("{0}signin-oidc/")]
    [InlineData("{0}SIGNIN-OIDC")]
    [InlineData("{0}signin-oidc#fragment")]
    [InlineData("https://localhost:{1}/signin-oidc")]
    [InlineData("http://localhost:1/signin-oidc")]
    [InlineData("http://evil.example/signin-oidc")]
    [InlineData("")]
    public async Task AlteredOrMissingRedirectUri_ShowsAnErrorPage_AndRedirectsNowhere(string template)
    {
        var redirectUri = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, system.AppAUrl, system.AppAPort);
        using var client = system.CreateClient(redirectUri: redirectUri);
        await client.SignInAsync(AliceUserName, AlicePassword);

        var authorization = await client.AuthorizeAsync(AppAScopes, p => p["redirect_uri"] = redirectUri == "" ? null : redirectUri);

        AssertErrorPage(authorization);
    }

    [Fact]
    public async Task UnknownClient_ShowsAnErrorPage_AndRedirectsNowhere()
    {
        using var client = system.CreateClient("no-such-client", "secret", system.RedirectUriOf(ClientA));

        AssertErrorPage(await client.AuthorizeAsync(AppAScopes));
    }

    [Theory]
    [InlineData("code_challenge", null, "invalid_request")]
    [InlineData("code_challenge_method", "plain", "invalid_request")]
    [InlineData("response_type", "token", "unsupported_response_type")]
    [InlineData("response_type", "code id_token", "unsupported_response_type")]
    [InlineData("scope", "openid billing.read no-such-scope", "invalid_scope")]
    [InlineData("scope", "openid orders.write", "invalid_scope")]
    [InlineData("request", "eyJhbGciOiJub25lIn0.e30.", "request_not_supported")]
    [InlineData("request_uri", "https://evil.example/request.jwt", "request_uri_not_supported")]
    public async Task BadParameter_GetsItsStandardError_AndNoCode(string parameter, string? value, string error)
    {
        using var client = system.CreateClient();
        await client.SignInAsync(AliceUserName, AlicePassword);

        var authorization = await client.AuthorizeAsync(AppAScopes, p => p[parameter] = value);

        // OpenIddict checks the parameters before it trusts the redirect URI, so some of these
        // errors are shown on the error page rather than redirected; either way the code is the standard one.
        Assert.Equal(error, authorization.ErrorCode);
        Assert.Null(authorization.Code);
        Assert.True(authorization.Location is null || authorization.RedirectsTo(client.RedirectUri), $"{authorization.Location}");
    }

    [Fact]
    public async Task UnknownExtraParameters_AreIgnored()
    {
        using var client = system.CreateClient();
        await client.SignInAsync(AliceUserName, AlicePassword);

        var authorization = await client.AuthorizeAsync(AppAScopes, p => p["unknown_parameter"] = "<script>alert(1)</script>");

        Assert.NotNull(authorization.Code);
    }

    [Fact]
    public async Task ErrorPage_NeverEchoesRawInputAsHtml()
    {
        using var client = system.CreateClient(redirectUri: "http://evil.example/<script>alert(1)</script>");

        var authorization = await client.AuthorizeAsync(AppAScopes, p => p["state"] = "<script>alert(2)</script>");

        AssertErrorPage(authorization);
        Assert.DoesNotContain("<script>", authorization.Body, StringComparison.OrdinalIgnoreCase);
    }

    private static void AssertErrorPage(AuthorizeResponse authorization)
    {
        Assert.Equal(HttpStatusCode.BadRequest, authorization.Status);
        Assert.Null(authorization.Location);
        Assert.Contains("id=\"error-code\"", authorization.Body, StringComparison.Ordinal);
    }
}
