using System.Net;
using System.Text.Json;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Apis;

/// <summary>
/// The Orders API (ClientAppA, audience orders-api) as a resource server: which bearer tokens it
/// takes (SECURITY.md, "Tokens at the APIs"). Forged tokens are signed with the identity server's
/// real key and differ from an accepted one in a single defect each.
/// </summary>
public sealed class ApiTokenValidationTests(FullSystemFixture system) : IClassFixture<FullSystemFixture>, IDisposable
{
    private const string Orders = "api/orders";

    /// <summary>Each forged token with its one defect, by a name that shows in the test results.</summary>
    private static readonly Dictionary<string, Func<TokenForge, Uri, string>> Defects = new()
    {
        ["alg none"] = (forge, _) => forge.AlgNone(),
        ["HS256 keyed with the server's public key (PEM)"] = (forge, _) => forge.Hs256KeyedWithThePublicKeyPem(),
        ["HS256 keyed with the server's public key (DER)"] = (forge, _) => forge.Hs256KeyedWithThePublicKeyDer(),
        ["payload edited after signing"] = (forge, _) => forge.PayloadEditedAfterSigning(),
        ["signature cut"] = (forge, _) => forge.SignatureCut(),
        ["attacker key embedded as jwk"] = (forge, attacker) => forge.OfferingAttackerKey("jwk", attacker),
        ["attacker key embedded as x5c"] = (forge, attacker) => forge.OfferingAttackerKey("x5c", attacker),
        ["attacker key offered at a jku URL"] = (forge, attacker) => forge.OfferingAttackerKey("jku", attacker),
        ["attacker key offered at an x5u URL"] = (forge, attacker) => forge.OfferingAttackerKey("x5u", attacker),
        ["kid is a path"] = (forge, _) => forge.WithKid("../../../../../../etc/passwd"),
        ["kid is SQL"] = (forge, _) => forge.WithKid("' OR 1=1 --"),
        ["kid of 10 KB"] = (forge, _) => forge.WithKid(new string('k', 10 * 1024)),
        ["kid unknown"] = (forge, _) => forge.WithKid(Guid.NewGuid().ToString("N")),
        ["kid missing"] = (forge, _) => forge.AccessToken(header: h => h.Remove("kid")),
        ["issuer of another server"] = (forge, _) => forge.WithIssuer("https://login.attacker.example/"),
        ["audience billing-api"] = (forge, _) => forge.ForAudience(TokenForge.BillingApi, "billing.read"),
        ["an ID token"] = (forge, _) => forge.IdToken(),
        ["expired 5 minutes ago"] = (forge, _) => forge.Expired(),
        ["valid only from 5 minutes on"] = (forge, _) => forge.NotYetValid(),
        ["typ JWT instead of at+jwt"] = (forge, _) => forge.AccessToken(header: h => h["typ"] = "JWT"),
        ["garbage"] = (_, _) => "garbage",
        ["three empty parts"] = (_, _) => "..",
        ["three parts of nonsense"] = (_, _) => "a.b.c",
        ["a header alone"] = (forge, _) => Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(forge.Header().ToJsonString()),
        ["random bytes in JWE shape"] = (_, _) => string.Join('.', Enumerable.Range(0, 5).Select(_ => Convert.ToHexString(Guid.NewGuid().ToByteArray()))),
    };

    private readonly HttpClient _http = new() { BaseAddress = system.AppAUrl };

    public static TheoryData<string> DefectNames => new(Defects.Keys);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ForgedToken_WithEverythingRight_IsAccepted_SoEachRefusalBelowIsForItsOneDefect()
    {
        using var forge = TokenForge.For(system);
        var token = forge.AccessToken();

        using var response = await GetOrdersAsync(token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(Jwt.Claim(token, "sub"), body.RootElement.GetProperty("subject").GetString());
    }

    [Theory]
    [MemberData(nameof(DefectNames))]
    public async Task ForgedToken_WithOneDefect_Gets401InvalidToken_WithoutFetchingAnything(string defect)
    {
        using var forge = TokenForge.For(system);
        using var attacker = new AttackerSite();
        var token = Defects[defect](forge, attacker.Url);

        using var response = await GetOrdersAsync(token);

        AssertInvalidToken(response);
        // No key is fetched from a URL the token names.
        Assert.Equal(0, attacker.Connections);
    }

    [Fact]
    public async Task NoToken_Gets401_WithABareBearerChallenge()
    {
        using var response = await GetOrdersAsync(token: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        // Nothing was wrong with a token that was never sent: no error code (RFC 6750 §3.1).
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Null(challenge.Parameter);
    }

    [Fact]
    public async Task MegabyteToken_IsRefused_ByKestrelBeforeTheApp()
    {
        using var forge = TokenForge.For(system);
        var token = forge.OfSize(1024 * 1024);

        using var response = await GetOrdersAsync(token);

        // Kestrel caps all request headers at 32 KB (MaxRequestHeadersTotalSize) and answers 431
        // before any middleware runs, so the token is never even parsed; 401 would be fine too.
        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.RequestHeaderFieldsTooLarge, HttpStatusCode.Unauthorized });
    }

    [Fact]
    public async Task RealToken_InTheQueryString_IsRefused()
    {
        var token = await ReportingTokenAsync("orders.read");
        using var inHeader = await GetOrdersAsync(token);
        Assert.Equal(HttpStatusCode.OK, inHeader.StatusCode);

        // RFC 6750 §2.3 allows it, RFC 9700 §4.3.2 advises against it: URLs end up in logs and Referer headers.
        using var inQuery = await _http.GetAsync($"{Orders}?access_token={Uri.EscapeDataString(token)}", Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, inQuery.StatusCode);
    }

    [Fact]
    public async Task RealTokenWithoutTheWriteScope_CanListOrders_ButPostingOne_Gets403InsufficientScope()
    {
        var token = await ReportingTokenAsync("orders.read");

        using var list = await GetOrdersAsync(token);
        using var post = await SendAsync(HttpMethod.Post, token);

        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        var challenge = string.Join(", ", post.Headers.WwwAuthenticate);
        Assert.StartsWith("Bearer", challenge, StringComparison.Ordinal);
        Assert.Contains("error=\"insufficient_scope\"", challenge, StringComparison.Ordinal);
        Assert.Contains("scope=\"orders.write\"", challenge, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CodeFlowToken_OfClientBForAlice_ListsHerOrdersAtA()
    {
        using var clientB = system.CreateClient(ClientB, ClientBSecret);
        var tokens = await clientB.GetTokensAsync(AliceUserName, AlicePassword, AppBScopes);

        using var response = await GetOrdersAsync(tokens.AccessToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal(Jwt.Claim(tokens.IdToken!, "sub"), body.RootElement.GetProperty("subject").GetString());
    }

    [Fact]
    public async Task CodeFlowToken_OfClientAForBilling_IsRefusedAtOrders_WrongAudience()
    {
        using var clientA = system.CreateClient(ClientA, ClientASecret);
        var tokens = await clientA.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);
        Assert.Equal(TokenForge.BillingApi, Jwt.Claim(tokens.AccessToken!, "aud"));

        using var response = await GetOrdersAsync(tokens.AccessToken);

        AssertInvalidToken(response);
    }

    [Fact]
    public async Task RealIdToken_IsRefusedAtOrders()
    {
        using var clientB = system.CreateClient(ClientB, ClientBSecret);
        var tokens = await clientB.GetTokensAsync(AliceUserName, AlicePassword, AppBScopes);

        using var response = await GetOrdersAsync(tokens.IdToken);

        AssertInvalidToken(response);
    }

    public void Dispose() => _http.Dispose();

    private static void AssertInvalidToken(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var challenge = Assert.Single(response.Headers.WwwAuthenticate);
        Assert.Equal("Bearer", challenge.Scheme);
        Assert.Contains("error=\"invalid_token\"", challenge.Parameter, StringComparison.Ordinal);
    }

    private async Task<string> ReportingTokenAsync(string scope)
    {
        using var reporting = system.CreateClient(Reporting, ReportingSecret);
        var tokens = await reporting.ClientCredentialsAsync(scope);
        return tokens.AccessToken ?? throw new InvalidOperationException(tokens.Body);
    }

    private Task<HttpResponseMessage> GetOrdersAsync(string? token) => SendAsync(HttpMethod.Get, token);

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string? token)
    {
        using var request = new HttpRequestMessage(method, Orders);
        if (token is not null)
        {
            // Without validation: garbage must reach the server as it is.
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        return await _http.SendAsync(request, Cancellation);
    }
}
