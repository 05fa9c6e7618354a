using System.Net;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Protocol;

public sealed class AuthorizationCodeFlowTests(IdentityServerFixture system) : IClassFixture<IdentityServerFixture>
{
    [Fact]
    public async Task CodeFlowWithPkce_ReturnsTheCodeWithTheSameStateAndIss_ThenSignedTokens()
    {
        using var client = system.CreateClient();
        await client.SignInAsync(AliceUserName, AlicePassword);

        var authorization = await client.AuthorizeAsync(AppAScopes);

        Assert.Equal(HttpStatusCode.Redirect, authorization.Status);
        Assert.True(authorization.RedirectsTo(client.RedirectUri));
        Assert.NotNull(authorization.Code);
        Assert.Equal(authorization.State, authorization.Parameter("state"));
        Assert.Equal(system.Issuer.ToString(), authorization.Parameter("iss"));

        var tokens = await client.RedeemCodeAsync(authorization.Code, authorization.Pkce.Verifier);

        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.Contains("no-store", tokens.Headers.CacheControl?.ToString());
        Assert.NotNull(tokens.RefreshToken);

        var id = Jwt.Payload(tokens.IdToken!);
        Assert.Equal(system.Issuer.ToString(), id.GetProperty("iss").GetString());
        Assert.Equal(ClientA, id.GetProperty("aud").ToString());
        Assert.Equal(authorization.Nonce, id.GetProperty("nonce").GetString());
        Assert.Equal(AliceDisplayName, id.GetProperty("name").GetString());
        foreach (var claim in new[] { "sub", "exp", "iat", "auth_time" })
        {
            Assert.True(id.TryGetProperty(claim, out _), $"ID token lacks {claim}");
        }
    }

    [Fact]
    public async Task AccessToken_IsAnRfc9068Jwt_ForTheGrantedApi_WithoutPersonalData()
    {
        using var client = system.CreateClient();
        var tokens = await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);

        var header = Jwt.Header(tokens.AccessToken!);
        Assert.Equal("at+jwt", header.GetProperty("typ").GetString());
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        var payload = Jwt.Payload(tokens.AccessToken!);
        Assert.Equal(system.Issuer.ToString(), payload.GetProperty("iss").GetString());
        Assert.Equal("billing-api", payload.GetProperty("aud").ToString());
        Assert.Equal(ClientA, payload.GetProperty("client_id").GetString());
        Assert.Contains("billing.read", payload.GetProperty("scope").ToString());
        foreach (var claim in new[] { "sub", "iat", "exp", "jti" })
        {
            Assert.True(payload.TryGetProperty(claim, out _), $"Access token lacks {claim}");
        }

        foreach (var personal in new[] { "name", "email", "preferred_username", "sso_stamp" })
        {
            Assert.False(payload.TryGetProperty(personal, out _), $"Access token leaks {personal}");
        }
    }

    [Fact]
    public async Task PromptNone_WithoutASession_AnswersLoginRequired()
    {
        using var client = system.CreateClient();

        var authorization = await client.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none");

        Assert.True(authorization.RedirectsTo(client.RedirectUri));
        Assert.Equal("login_required", authorization.Error);
        Assert.Equal(authorization.State, authorization.Parameter("state"));
    }

    [Fact]
    public async Task PromptNone_WithASession_IssuesACodeWithoutAnyPage_ForTheSameSubject()
    {
        using var client = system.CreateClient();
        var first = await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);

        var silent = await client.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none");
        var second = await client.RedeemCodeAsync(silent.Code!, silent.Pkce.Verifier);

        Assert.Equal(Jwt.Claim(first.IdToken!, "sub"), Jwt.Claim(second.IdToken!, "sub"));
    }

    [Fact]
    public async Task PromptLogin_SendsASignedInPersonToTheSignInPage_AndTheNewSignInHasALaterAuthTime()
    {
        using var client = system.CreateClient();
        var first = await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);
        await Task.Delay(TimeSpan.FromSeconds(1.1), TestContext.Current.CancellationToken);

        var forced = await client.AuthorizeAsync(AppAScopes, p => p["prompt"] = "login");
        Assert.Equal(HttpStatusCode.Redirect, forced.Status);
        Assert.StartsWith("/account/login", forced.Location!.PathAndQuery, StringComparison.Ordinal);

        var second = await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);
        Assert.True(long.Parse(Jwt.Claim(second.IdToken!, "auth_time"), System.Globalization.CultureInfo.InvariantCulture)
                    > long.Parse(Jwt.Claim(first.IdToken!, "auth_time"), System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task MaxAge_OlderSignIn_SendsThePersonToTheSignInPage()
    {
        using var client = system.CreateClient();
        await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);
        await Task.Delay(TimeSpan.FromSeconds(2.1), TestContext.Current.CancellationToken);

        var tooOld = await client.AuthorizeAsync(AppAScopes, p => p["max_age"] = "1");
        var recentEnough = await client.AuthorizeAsync(AppAScopes, p => p["max_age"] = "3600");

        Assert.StartsWith("/account/login", tooOld.Location!.PathAndQuery, StringComparison.Ordinal);
        Assert.NotNull(recentEnough.Code);
    }

    [Fact]
    public async Task ReusedCode_IsRefused_AndTheTokensFromItsFirstUseAreRevoked()
    {
        using var client = system.CreateClient();
        await client.SignInAsync(AliceUserName, AlicePassword);
        var authorization = await client.AuthorizeAsync(AppAScopes);
        var first = await client.RedeemCodeAsync(authorization.Code!, authorization.Pkce.Verifier);

        var replay = await client.RedeemCodeAsync(authorization.Code!, authorization.Pkce.Verifier);

        Assert.Equal("invalid_grant", replay.Error);
        Assert.Equal("invalid_grant", (await client.RefreshAsync(first.RefreshToken!)).Error);
        Assert.False((await client.IntrospectAsync(first.AccessToken!)).Json.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task ThirdPartyClient_ShowsTheConsentPage_ThenRemembersTheConsent()
    {
        using var client = system.CreateClient(Partner, PartnerSecret);
        await client.SignInAsync(AliceUserName, AlicePassword);
        const string scope = "openid profile orders.read";

        var firstVisit = await client.AuthorizeAsync(scope);
        Assert.Equal(HttpStatusCode.OK, firstVisit.Status);
        Assert.Contains("id=\"consent-accept\"", firstVisit.Body, StringComparison.Ordinal);
        var silentBeforeConsent = await client.AuthorizeAsync(scope, p => p["prompt"] = "none");
        Assert.Equal("consent_required", silentBeforeConsent.Error);

        var accepted = await client.DecideConsentAsync(firstVisit, "accept");
        Assert.True(accepted.RedirectsTo(PartnerRedirectUri));
        Assert.NotNull(accepted.Code);

        var secondVisit = await client.AuthorizeAsync(scope);
        Assert.NotNull(secondVisit.Code);
    }

    [Fact]
    public async Task ThirdPartyClient_PersonDenies_ClientGetsAccessDenied()
    {
        using var client = system.CreateClient(Partner, PartnerSecret);
        await client.SignInAsync(BobUserName, BobPassword);
        var visit = await client.AuthorizeAsync("openid orders.read");

        var denied = await client.DecideConsentAsync(visit, "deny");

        Assert.True(denied.RedirectsTo(PartnerRedirectUri));
        Assert.Equal("access_denied", denied.Error);
    }

    [Fact]
    public async Task ConsentDecision_WithoutTheAntiforgeryToken_IsRefused()
    {
        using var client = system.CreateClient(Partner, PartnerSecret);
        await client.SignInAsync(BobUserName, BobPassword);
        var visit = await client.AuthorizeAsync("openid orders.read");

        var forged = await client.DecideConsentAsync(visit, "accept", withAntiforgeryToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, forged.Status);
        Assert.Null(forged.Location);
    }
}
