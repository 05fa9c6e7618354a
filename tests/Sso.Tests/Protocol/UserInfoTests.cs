using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Protocol;

public sealed class UserInfoTests(IdentityServerFixture system) : IClassFixture<IdentityServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("GET")]
    [InlineData("POST")]
    public async Task UserInfo_ByGetOrPost_ReturnsTheSameSubjectAsTheIdToken_AndOnlyGrantedClaims(string method)
    {
        using var client = system.CreateClient();
        var tokens = await client.GetTokensAsync(AliceUserName, AlicePassword, "openid profile");

        using var request = new HttpRequestMessage(new HttpMethod(method), "connect/userinfo");
        if (method == "POST")
        {
            request.Content = new FormUrlEncodedContent([]);
        }

        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        using var response = await client.Http.SendAsync(request, Cancellation);
        var claims = await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Jwt.Claim(tokens.IdToken!, "sub"), claims.GetProperty("sub").GetString());
        Assert.Equal(AliceDisplayName, claims.GetProperty("name").GetString());
        Assert.False(claims.TryGetProperty("email", out _), "email was not granted");
    }

    [Fact]
    public async Task UserInfo_WithoutAToken_Is401WithABearerChallenge()
    {
        using var client = system.CreateClient();

        using var response = await client.Http.GetAsync("connect/userinfo", Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains(response.Headers.WwwAuthenticate, challenge => challenge.Scheme == "Bearer");
    }

    [Fact]
    public async Task UserInfo_WithAClientCredentialsToken_GivesNoUserData()
    {
        using var service = system.CreateClient(Reporting, ReportingSecret);
        var token = (await service.ClientCredentialsAsync("orders.read")).AccessToken;

        using var request = new HttpRequestMessage(HttpMethod.Get, "connect/userinfo");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await service.Http.SendAsync(request, Cancellation);

        Assert.InRange((int)response.StatusCode, 401, 403);
        Assert.DoesNotContain("\"sub\"", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }
}
