using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Throttling.ThrottlingSystem;

namespace Sso.Tests.Throttling;

/// <summary>The token endpoint is limited per client; registration, the admin API and the admin pages per address.</summary>
public sealed class EndpointThrottlingTests(ThrottlingSystem system) : IClassFixture<ThrottlingSystem>
{
    private static readonly object Metadata = new { redirect_uris = new[] { "https://tool.example.com/cb" } };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TokenRequests_BeyondTheClientsLimit_Get429SlowDown_WhileOtherClientsGoOn()
    {
        // From a new address each time: the client is what counts, not where it calls from.
        for (var i = 0; i < TokenPerClient; i++)
        {
            using var service = system.ClientFrom(system.NewAddress(), Services[0], ServiceSecret);
            var granted = await service.ClientCredentialsAsync("orders.read");
            Assert.True(granted.AccessToken is not null, granted.Body);
        }

        using var throttledClient = system.ClientFrom(system.NewAddress(), Services[0], ServiceSecret);
        using var throttled = await PostClientCredentialsAsync(throttledClient);
        using var otherClient = system.ClientFrom(system.NewAddress(), Services[1], ServiceSecret);
        var other = await otherClient.ClientCredentialsAsync("orders.read");

        Throttled.Assert429(throttled);
        var error = await JsonErrorAsync(throttled);
        Assert.Equal("slow_down", error.GetProperty("error").GetString());
        Assert.False(string.IsNullOrEmpty(error.GetProperty("error_description").GetString()));
        Assert.True(other.AccessToken is not null, other.Body);
    }

    [Fact]
    public async Task TokenRequestsWithAWrongSecret_AreRefused_WithoutSpendingTheClientsAllowance()
    {
        using var impostor = system.ClientFrom(system.NewAddress(), Services[2], "not-the-secret");
        for (var i = 0; i < TokenPerClient + 2; i++)
        {
            var refused = await impostor.ClientCredentialsAsync("orders.read");
            Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
            Assert.Equal("invalid_client", refused.Error);
        }

        using var genuine = system.ClientFrom(system.NewAddress(), Services[2], ServiceSecret);
        for (var i = 0; i < TokenPerClient; i++)
        {
            var granted = await genuine.ClientCredentialsAsync("orders.read");
            Assert.True(granted.AccessToken is not null, granted.Body);
        }
    }

    [Fact]
    public async Task DynamicRegistration_BeyondTheAddressLimit_Gets429_BeforeTheTokenIsChecked()
    {
        using var http = HttpFrom(system.NewAddress());
        for (var i = 0; i < PerAddress; i++)
        {
            using var refused = await http.PostAsJsonAsync("connect/register", Metadata, Cancellation);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var throttled = await http.PostAsJsonAsync("connect/register", Metadata, Cancellation);
        using var elsewhere = HttpFrom(system.NewAddress());
        using var answered = await elsewhere.GetAsync("connect/register/some-client", Cancellation);

        Throttled.Assert429(throttled);
        Assert.Equal("too_many_requests", (await JsonErrorAsync(throttled)).GetProperty("error").GetString());
        Assert.Equal(HttpStatusCode.Unauthorized, answered.StatusCode);
    }

    [Fact]
    public async Task AdminApi_BeyondTheAddressLimit_Gets429_BeforeTheTokenIsChecked()
    {
        using var http = HttpFrom(system.NewAddress());
        for (var i = 0; i < PerAddress; i++)
        {
            using var refused = await http.GetAsync("admin/api/clients", Cancellation);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using var throttled = await http.GetAsync("admin/api/clients", Cancellation);

        Throttled.Assert429(throttled);
        Assert.Equal("too_many_requests", (await JsonErrorAsync(throttled)).GetProperty("error").GetString());
    }

    [Fact]
    public async Task AdminPages_BeyondTheAddressLimit_Get429_AsAFriendlyPage()
    {
        using var http = HttpFrom(system.NewAddress());
        for (var i = 0; i < PerAddress; i++)
        {
            using var toSignIn = await http.GetAsync("admin/users", Cancellation);
            Assert.Equal(HttpStatusCode.Redirect, toSignIn.StatusCode);
        }

        using var throttled = await http.GetAsync("admin/audit", Cancellation);

        Throttled.Assert429(throttled);
        Assert.Equal("text/html", throttled.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Too many attempts", await throttled.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherPages_AreNotThrottled()
    {
        using var http = HttpFrom(system.NewAddress());
        for (var i = 0; i < SignInPerAddress + PerAddress + 2; i++)
        {
            using var page = await http.GetAsync("account/login", Cancellation);
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        }
    }

    private HttpClient HttpFrom(string address)
    {
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = system.Issuer };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return http;
    }

    private static async Task<HttpResponseMessage> PostClientCredentialsAsync(OAuthTestClient client)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "connect/token")
        {
            Content = new FormUrlEncodedContent([KeyValuePair.Create("grant_type", "client_credentials"), KeyValuePair.Create("scope", "orders.read")]),
        };
        request.Headers.Authorization = OAuthTestClient.BasicAuthentication(client.ClientId, client.ClientSecret);
        return await client.Http.SendAsync(request, Cancellation);
    }

    private static async Task<JsonElement> JsonErrorAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation)).RootElement.Clone();
    }
}
