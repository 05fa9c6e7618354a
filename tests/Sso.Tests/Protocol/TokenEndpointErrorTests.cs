using System.Net;
using System.Net.Http.Headers;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Protocol;

/// <summary>Bad token requests get their standard OAuth error, never a 5xx.</summary>
public sealed class TokenEndpointErrorTests(IdentityServerFixture system) : IClassFixture<IdentityServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task MissingGrantType_IsAnInvalidRequest()
    {
        using var client = system.CreateClient();

        Assert.Equal("invalid_request", (await client.PostTokenAsync(new() { ["scope"] = "openid" })).Error);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("implicit")]
    [InlineData("urn:ietf:params:oauth:grant-type:device_code")]
    [InlineData("made-up")]
    public async Task UnsupportedGrantType_IsRefused(string grantType)
    {
        using var client = system.CreateClient();

        var response = await client.PostTokenAsync(new() { ["grant_type"] = grantType, ["username"] = "alice", ["password"] = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.Status);
        Assert.Equal("unsupported_grant_type", response.Error);
    }

    [Fact]
    public async Task GrantNotAllowedForTheClient_IsAnUnauthorizedClient()
    {
        using var client = system.CreateClient();

        Assert.Equal("unauthorized_client", (await client.ClientCredentialsAsync("billing.read")).Error);
    }

    [Fact]
    public async Task WrongSecret_Is401InvalidClient_WithABasicChallenge()
    {
        using var client = system.CreateClient(Reporting, "wrong-secret");

        var response = await client.ClientCredentialsAsync("orders.read");

        Assert.Equal(HttpStatusCode.Unauthorized, response.Status);
        Assert.Equal("invalid_client", response.Error);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Basic");
    }

    [Fact]
    public async Task NoSecret_ForAConfidentialClient_GetsNoToken()
    {
        using var client = system.CreateClient(Reporting, clientSecret: null);

        var response = await client.ClientCredentialsAsync("orders.read");

        Assert.True(response.Status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, response.Body);
        Assert.True(response.Error is "invalid_client" or "invalid_request", response.Body);
        Assert.Null(response.AccessToken);
    }

    [Fact]
    public async Task TwoClientAuthenticationMethodsAtOnce_AreAnInvalidRequest()
    {
        using var client = system.CreateClient(Reporting, ReportingSecret);

        var response = await client.PostTokenAsync(new()
        {
            ["grant_type"] = "client_credentials", ["client_id"] = Reporting, ["client_secret"] = ReportingSecret,
        });

        Assert.Equal("invalid_request", response.Error);
    }

    [Fact]
    public async Task SecretInTheQueryString_IsNotAccepted()
    {
        using var client = system.CreateClient(Reporting, ReportingSecret);

        var response = await client.PostAsync($"connect/token?client_id={Reporting}&client_secret={ReportingSecret}",
            new() { ["grant_type"] = "client_credentials" }, authorization: new AuthenticationHeaderValue("Bearer", "none"));

        Assert.True(response.Status is HttpStatusCode.BadRequest or HttpStatusCode.Unauthorized, response.Body);
        Assert.Null(response.AccessToken);
    }

    [Fact]
    public async Task GetRequest_OrJsonBody_IsRefusedWith4xx()
    {
        using var client = system.CreateClient(Reporting, ReportingSecret);

        using var get = await client.Http.GetAsync("connect/token?grant_type=client_credentials", Cancellation);
        using var json = await client.Http.PostAsync("connect/token",
            new StringContent("{\"grant_type\":\"client_credentials\"}", System.Text.Encoding.UTF8, "application/json"), Cancellation);

        Assert.InRange((int)get.StatusCode, 400, 499);
        Assert.InRange((int)json.StatusCode, 400, 499);
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    public async Task GarbageCode_IsAnInvalidGrant(string code)
    {
        using var client = system.CreateClient();

        var response = await client.RedeemCodeAsync(code, Pkce.Create().Verifier);

        Assert.True(response.Error is "invalid_grant" or "invalid_request", response.Body);
    }

    [Fact]
    public async Task CodeRedeemedWithTheWrongVerifier_OtherRedirectUri_OrByAnotherClient_IsAnInvalidGrant()
    {
        using var alice = system.CreateClient();
        await alice.SignInAsync(AliceUserName, AlicePassword);
        using var other = system.CreateClient(ClientB, ClientBSecret);

        var wrongVerifier = await alice.AuthorizeAsync(AppAScopes);
        var otherRedirect = await alice.AuthorizeAsync(AppAScopes);
        var otherClient = await alice.AuthorizeAsync(AppAScopes);
        var missingVerifier = await alice.AuthorizeAsync(AppAScopes);

        Assert.Equal("invalid_grant", (await alice.RedeemCodeAsync(wrongVerifier.Code!, Pkce.Create().Verifier)).Error);
        Assert.Equal("invalid_grant", (await alice.RedeemCodeAsync(otherRedirect.Code!, otherRedirect.Pkce.Verifier,
            system.RedirectUriOf(ClientB))).Error);
        Assert.Equal("invalid_grant", (await other.RedeemCodeAsync(otherClient.Code!, otherClient.Pkce.Verifier, alice.RedirectUri)).Error);
        Assert.True((await alice.RedeemCodeAsync(missingVerifier.Code!, null)).Error is "invalid_grant" or "invalid_request");
    }

    [Fact]
    public async Task ClientCredentials_GiveAnAccessTokenOnly()
    {
        using var client = system.CreateClient(Reporting, ReportingSecret);

        var response = await client.ClientCredentialsAsync("orders.read");

        Assert.Equal(HttpStatusCode.OK, response.Status);
        Assert.Null(response.RefreshToken);
        Assert.Null(response.IdToken);
        Assert.Equal("orders-api", Jwt.Payload(response.AccessToken!).GetProperty("aud").ToString());
        Assert.Equal(Reporting, Jwt.Claim(response.AccessToken!, "sub"));
    }

    [Fact]
    public async Task ClientCredentials_ForAScopeTheClientMayNotHave_IsAnInvalidScope()
    {
        using var client = system.CreateClient(Reporting, ReportingSecret);

        Assert.Equal("invalid_scope", (await client.ClientCredentialsAsync("orders.write")).Error);
    }
}
