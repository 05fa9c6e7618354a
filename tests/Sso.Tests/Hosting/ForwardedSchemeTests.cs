using System.Net;
using Sso.Tests.Support;
using Xunit;

namespace Sso.Tests.Hosting;

/// <summary>
/// Behind a trusted proxy, an X-Forwarded-Proto other than http or https is ignored (found by the
/// fuzz run: "gopher" made OpenIddict skip the request, and authorize and userinfo answered 500).
/// </summary>
public sealed class ForwardedSchemeTests(ForwardedSchemeTests.TrustingProxySystem system) : IClassFixture<ForwardedSchemeTests.TrustingProxySystem>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("gopher")]
    [InlineData("https, gopher")]
    [InlineData("~%d&D")]
    public async Task Authorize_WithAnOddForwardedScheme_IsHandledAsAProtocolRequest(string scheme)
    {
        using var client = system.CreateClient();
        client.Http.DefaultRequestHeaders.TryAddWithoutValidation("X-Forwarded-Proto", scheme);

        var answer = await client.AuthorizeAsync("openid", parameters => parameters["redirect_uri"] = "https://evil.example/cb");

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("invalid_request", answer.ErrorCode);
    }

    [Fact]
    public async Task UserInfo_WithAnOddForwardedScheme_AsksForAToken()
    {
        using var http = new HttpClient { BaseAddress = system.ServerUrl };
        http.DefaultRequestHeaders.TryAddWithoutValidation("X-Forwarded-Proto", "gopher");

        using var response = await http.GetAsync("connect/userinfo", Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AnHttpsForwardedScheme_StillCounts()
    {
        using var http = new HttpClient { BaseAddress = system.ServerUrl };
        http.DefaultRequestHeaders.TryAddWithoutValidation("X-Forwarded-Proto", "https");

        using var discovery = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync(".well-known/openid-configuration", Cancellation));

        Assert.Equal(system.Issuer.ToString(), discovery.RootElement.GetProperty("issuer").GetString());
    }

    /// <summary>The identity server trusting forwarded headers from loopback, as behind nginx.</summary>
    public sealed class TrustingProxySystem() : SsoSystem(withApps: false)
    {
        protected override void ConfigureServer(IDictionary<string, string?> settings) => settings["Server:TrustForwardedHeaders"] = "true";
    }
}
