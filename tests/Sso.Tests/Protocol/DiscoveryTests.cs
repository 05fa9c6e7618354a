using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.IdentityModel.Tokens;
using Sso.Tests.Support;
using Xunit;

namespace Sso.Tests.Protocol;

public sealed class DiscoveryTests(IdentityServerFixture system) : IClassFixture<IdentityServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Discovery_IssuerIsTheBaseUrl_AndEveryEndpointIsListed()
    {
        var discovery = await GetDiscoveryAsync();

        Assert.Equal(system.Issuer.ToString(), discovery.GetProperty("issuer").GetString());
        foreach (var (name, path) in new[]
        {
            ("authorization_endpoint", "connect/authorize"), ("token_endpoint", "connect/token"),
            ("userinfo_endpoint", "connect/userinfo"), ("end_session_endpoint", "connect/endsession"),
            ("introspection_endpoint", "connect/introspect"), ("revocation_endpoint", "connect/revoke"),
            ("jwks_uri", ".well-known/jwks"),
        })
        {
            Assert.Equal(new Uri(system.Issuer, path).ToString(), discovery.GetProperty(name).GetString());
        }
    }

    [Fact]
    public async Task Discovery_AdvertisesOnlyTheCodeFlow_WithS256_AndIssInAuthorizationResponses()
    {
        var discovery = await GetDiscoveryAsync();

        Assert.Equal(["code"], Strings(discovery, "response_types_supported"));
        Assert.Equal(["S256"], Strings(discovery, "code_challenge_methods_supported"));
        Assert.Equal(["authorization_code", "client_credentials", "refresh_token"], Strings(discovery, "grant_types_supported").Order());
        Assert.True(discovery.GetProperty("authorization_response_iss_parameter_supported").GetBoolean());
        Assert.False(discovery.GetProperty("request_parameter_supported").GetBoolean());
    }

    [Fact]
    public async Task Jwks_PublishesOnlyPublicRsaKeys_OfAtLeast2048Bits_WithUniqueKids()
    {
        var jwks = new JsonWebKeySet(await system.CreateClient().Http.GetStringAsync(".well-known/jwks", Cancellation));

        Assert.NotEmpty(jwks.Keys);
        Assert.Equal(jwks.Keys.Count, jwks.Keys.Select(key => key.Kid).Distinct().Count());
        foreach (var key in jwks.Keys)
        {
            Assert.Equal("RSA", key.Kty);
            Assert.Equal("sig", key.Use);
            Assert.False(key.HasPrivateKey);
            Assert.True(string.IsNullOrEmpty(key.D) && string.IsNullOrEmpty(key.P) && string.IsNullOrEmpty(key.Q));
            Assert.True(Base64UrlEncoder.DecodeBytes(key.N).Length * 8 >= 2048);
        }
    }

    [Theory]
    [InlineData(".well-known/openid-configuration")]
    [InlineData(".well-known/jwks")]
    public async Task TheCachedDocument_IsServedForAnyQuery_SoMadeUpQueriesStoreNoCopies(string path)
    {
        var http = system.CreateClient().Http;
        using var first = await http.GetAsync($"{path}?made-up={Guid.NewGuid():N}", Cancellation);
        using var second = await http.GetAsync($"{path}?made-up={Guid.NewGuid():N}", Cancellation);

        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        // The output cache marks what it serves from memory with Age.
        Assert.NotNull(second.Headers.Age);
        Assert.Equal(await first.Content.ReadAsStringAsync(Cancellation), await second.Content.ReadAsStringAsync(Cancellation));
    }

    private async Task<JsonElement> GetDiscoveryAsync() =>
        await system.CreateClient().Http.GetFromJsonAsync<JsonElement>(".well-known/openid-configuration", Cancellation);

    private static string[] Strings(JsonElement document, string name) =>
        [.. document.GetProperty(name).EnumerateArray().Select(value => value.GetString()!)];
}
