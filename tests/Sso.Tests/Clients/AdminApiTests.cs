using System.Net;
using System.Text;
using System.Text.Json;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Clients;

/// <summary>Automation registers and manages clients over the admin API with an sso.admin access token.</summary>
public sealed class AdminApiTests(ClientsSystem system) : IClassFixture<ClientsSystem>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RegisteredService_GetsTokensWithTheSecretReturnedOnce()
    {
        using var api = await system.AdminApiAsync();

        var (created, body) = await api.SendAsync(HttpMethod.Post, "clients", new
        {
            clientId = "api-reporting", displayName = "Reporting (API)", grantTypes = List("client_credentials"),
            scopes = List("billing.read"), accessTokenLifetime = "00:02:00",
        });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var secret = body.GetProperty("clientSecret").GetString()!;
        Assert.Equal("confidential", body.GetProperty("client").GetProperty("type").GetString());
        using var service = system.CreateClient("api-reporting", secret);
        var token = (await service.ClientCredentialsAsync("billing.read")).AccessToken!;
        Assert.Equal("billing-api", Jwt.Claim(token, "aud"));

        var (read, shown) = await api.SendAsync(HttpMethod.Get, "clients/api-reporting");
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal("00:02:00", shown.GetProperty("accessTokenLifetime").GetString());
        Assert.True(shown.GetProperty("hasSecret").GetBoolean());
        Assert.DoesNotContain(secret, shown.GetRawText(), StringComparison.Ordinal);
        Assert.False(shown.TryGetProperty("clientSecret", out _));
    }

    [Fact]
    public async Task RegisteredWebClient_RunsTheCodeFlow_WithItsOwnRefreshTokenLifetime()
    {
        using var api = await system.AdminApiAsync();
        const string redirect = "https://wiki.example.com/signin-oidc";
        var (_, body) = await api.SendAsync(HttpMethod.Post, "clients", new
        {
            clientId = "api-wiki", consentType = "implicit", grantTypes = List("authorization_code", "refresh_token"),
            redirectUris = List(redirect), scopes = List("openid", "profile", "offline_access", "orders.read"),
            refreshTokenLifetime = "01:00:00",
        });

        using var app = system.CreateClient("api-wiki", body.GetProperty("clientSecret").GetString(), redirect);
        var tokens = await app.GetTokensAsync(AliceUserName, AlicePassword, "openid profile offline_access orders.read");

        Assert.Equal("orders-api", Jwt.Claim(tokens.AccessToken!, "aud"));
        var refresh = (await app.IntrospectAsync(tokens.RefreshToken!)).Json;
        Assert.Equal(3600, refresh.GetProperty("exp").GetInt64() - refresh.GetProperty("iat").GetInt64());
    }

    [Fact]
    public async Task Replace_Rotate_AndDelete()
    {
        using var api = await system.AdminApiAsync();
        var (_, body) = await api.SendAsync(HttpMethod.Post, "clients",
            new { clientId = "api-lifecycle", grantTypes = List("client_credentials"), scopes = List("orders.read") });
        var secret = body.GetProperty("clientSecret").GetString()!;

        var (replaced, replacedBody) = await api.SendAsync(HttpMethod.Put, "clients/api-lifecycle",
            new { grantTypes = List("client_credentials"), scopes = List("billing.read") });
        Assert.Equal(HttpStatusCode.OK, replaced.StatusCode);
        Assert.Equal(JsonValueKind.Null, replacedBody.GetProperty("clientSecret").ValueKind);
        using (var service = system.CreateClient("api-lifecycle", secret))
        {
            Assert.NotNull((await service.ClientCredentialsAsync("billing.read")).AccessToken);
        }

        var (rotated, rotatedBody) = await api.SendAsync(HttpMethod.Post, "clients/api-lifecycle/secret");
        Assert.Equal(HttpStatusCode.OK, rotated.StatusCode);
        var newSecret = rotatedBody.GetProperty("clientSecret").GetString()!;
        using (var old = system.CreateClient("api-lifecycle", secret))
        {
            Assert.Equal("invalid_client", (await old.ClientCredentialsAsync("billing.read")).Error);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Delete, "clients/api-lifecycle")).Response.StatusCode);
        using var deleted = system.CreateClient("api-lifecycle", newSecret);
        Assert.Equal("invalid_client", (await deleted.ClientCredentialsAsync("billing.read")).Error);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(HttpMethod.Get, "clients/api-lifecycle")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(HttpMethod.Delete, "clients/api-lifecycle")).Response.StatusCode);
    }

    [Theory]
    [InlineData("redirectUris", "http://wiki.example.com/cb")]
    [InlineData("redirectUris", "https://wiki.example.com/cb#frag")]
    [InlineData("redirectUris", "https://*.example.com/cb")]
    [InlineData("redirectUris", "javascript:alert(1)")]
    [InlineData("redirectUris", "file:///etc/passwd")]
    [InlineData("postLogoutRedirectUris", "data:text/html,hi")]
    public async Task UnsafeUris_AreRefused_WithProblemDetailsNamingTheField(string field, string uri)
    {
        using var api = await system.AdminApiAsync();
        var client = new Dictionary<string, object>
        {
            ["clientId"] = "api-refused", ["grantTypes"] = List("authorization_code"), ["scopes"] = List("openid"),
            ["redirectUris"] = List("https://wiki.example.com/cb"),
        };
        client[field] = List(uri);

        var (response, problem) = await api.SendAsync(HttpMethod.Post, "clients", client);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.GetRawText());
    }

    [Fact]
    public async Task OtherBadInput_IsRefused_NamingTheField()
    {
        using var api = await system.AdminApiAsync();

        await AssertRefusedAsync(api, new { clientId = "api-x", type = "public", grantTypes = List("client_credentials") }, "grantTypes");
        await AssertRefusedAsync(api, new { clientId = "api-x", grantTypes = List("password") }, "grantTypes");
        await AssertRefusedAsync(api, new { clientId = "api-x", type = "secretive" }, "type");
        await AssertRefusedAsync(api, new { clientId = "api-x", grantTypes = List("client_credentials"), scopes = List("nope") }, "scopes");
        await AssertRefusedAsync(api, new { clientId = "has space" }, "clientId");
        await AssertRefusedAsync(api, new { clientId = "api-x", grantTypes = "client_credentials" }, "grantTypes");
        await AssertRefusedAsync(api, new { clientId = "api-x", accessTokenLifetime = "forever" }, "accessTokenLifetime");

        var (taken, problem) = await api.SendAsync(HttpMethod.Post, "clients",
            new { clientId = ClientA, grantTypes = List("client_credentials"), scopes = List("orders.read") });
        Assert.Equal(HttpStatusCode.Conflict, taken.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("clientId", out _));

        using var malformed = new StringContent("{\"clientId\": ", Encoding.UTF8, "application/json");
        using var http = new HttpClient { BaseAddress = system.Issuer };
        using var request = new HttpRequestMessage(HttpMethod.Post, "admin/api/clients") { Content = malformed };
        request.Headers.Authorization = (await TokenAsync()).Authorization;
        var response = await http.SendAsync(request, Cancellation);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task WithoutAnAdminToken_TheApiAnswers401_AndWithoutTheScope403()
    {
        using var anonymous = AdminApiClient.WithToken(system.Issuer, null);
        var (noToken, _) = await anonymous.SendAsync(HttpMethod.Get, "clients");
        Assert.Equal(HttpStatusCode.Unauthorized, noToken.StatusCode);
        Assert.Equal("Bearer", noToken.Headers.WwwAuthenticate.Single().Scheme);

        using var garbage = AdminApiClient.WithToken(system.Issuer, "not-a-token");
        Assert.Equal(HttpStatusCode.Unauthorized, (await garbage.SendAsync(HttpMethod.Get, "clients")).Response.StatusCode);

        // A token for another API (audience orders-api) is not a token for this one.
        using var reporting = await AdminApiClient.SignInAsync(system.Issuer, Reporting, ReportingSecret, "orders.read");
        Assert.Equal(HttpStatusCode.Unauthorized, (await reporting.SendAsync(HttpMethod.Get, "clients")).Response.StatusCode);

        // A token meant for this API but without the admin scope is refused as insufficient.
        using var api = await system.AdminApiAsync();
        await api.SendAsync(HttpMethod.Post, "scopes", new { name = "sso.audit.read", resources = List("sso-admin-api") });
        var (_, auditor) = await api.SendAsync(HttpMethod.Post, "clients",
            new { clientId = "api-auditor", grantTypes = List("client_credentials"), scopes = List("sso.audit.read") });
        using var audit = await AdminApiClient.SignInAsync(system.Issuer, "api-auditor", auditor.GetProperty("clientSecret").GetString()!, "sso.audit.read");
        Assert.Equal(HttpStatusCode.Forbidden, (await audit.SendAsync(HttpMethod.Get, "clients")).Response.StatusCode);
    }

    [Fact]
    public async Task ASignedInAdminsCookie_DoesNotAuthorizeTheApi()
    {
        using var browser = system.CreateClient();
        await browser.SignInAsync(AliceUserName, AlicePassword);

        var response = await browser.Http.GetAsync("admin/api/clients", Cancellation);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Scopes_AreManagedThroughTheApi()
    {
        using var api = await system.AdminApiAsync();

        var (created, scope) = await api.SendAsync(HttpMethod.Post, "scopes",
            new { name = "tickets.read", displayName = "Read tickets", resources = List("tickets-api") });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        Assert.Equal("tickets-api", scope.GetProperty("resources")[0].GetString());
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Put, "scopes/tickets.read",
            new { displayName = "Read tickets", resources = List("tickets-api", "helpdesk-api") })).Response.StatusCode);
        var (_, read) = await api.SendAsync(HttpMethod.Get, "scopes/tickets.read");
        Assert.Equal(2, read.GetProperty("resources").GetArrayLength());
        var (refused, problem) = await api.SendAsync(HttpMethod.Post, "scopes", new { name = "two words" });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty("name", out _));
        Assert.Equal(HttpStatusCode.NoContent, (await api.SendAsync(HttpMethod.Delete, "scopes/tickets.read")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(HttpMethod.Get, "scopes/tickets.read")).Response.StatusCode);
    }

    [Fact]
    public async Task TheOpenApiDocument_DescribesTheApi()
    {
        using var http = new HttpClient { BaseAddress = system.Issuer };

        var document = JsonDocument.Parse(await http.GetStringAsync("admin/api/openapi.json", Cancellation)).RootElement;

        var paths = document.GetProperty("paths");
        foreach (var path in List("/admin/api/clients", "/admin/api/clients/{clientId}", "/admin/api/clients/{clientId}/secret", "/admin/api/scopes", "/admin/api/initial-access-tokens"))
        {
            Assert.True(paths.TryGetProperty(path, out _), path);
        }

        Assert.False(paths.TryGetProperty("/connect/token", out _));
    }

    private static string[] List(params string[] values) => values;

    private static async Task AssertRefusedAsync(AdminApiClient api, object client, string field)
    {
        var (response, problem) = await api.SendAsync(HttpMethod.Post, "clients", client);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), $"{field}: {problem.GetRawText()}");
    }

    private async Task<(string Token, System.Net.Http.Headers.AuthenticationHeaderValue Authorization)> TokenAsync()
    {
        using var oauth = system.CreateClient(ClientsSystem.AdminClient, ClientsSystem.AdminSecret);
        var token = (await oauth.ClientCredentialsAsync("sso.admin")).AccessToken!;
        return (token, new("Bearer", token));
    }
}
