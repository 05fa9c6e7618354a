using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Clients;

/// <summary>Apps register themselves (RFC 7591) with an initial access token and manage their registration (RFC 7592).</summary>
public sealed class DynamicRegistrationTests(ClientsSystem system) : IClassFixture<ClientsSystem>
{
    private const string Redirect = "https://tool.example.com/callback";

    private static readonly object WebApp = new
    {
        client_name = "Tool", redirect_uris = new[] { Redirect }, grant_types = new[] { "authorization_code", "refresh_token" },
        scope = "openid profile offline_access", post_logout_redirect_uris = new[] { "https://tool.example.com/bye" },
    };

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Discovery_AdvertisesTheRegistrationEndpoint()
    {
        using var http = new HttpClient { BaseAddress = system.Issuer };
        var discovery = JsonDocument.Parse(await http.GetStringAsync(".well-known/openid-configuration", Cancellation)).RootElement;

        Assert.Equal(new Uri(system.Issuer, "connect/register").ToString(), discovery.GetProperty("registration_endpoint").GetString());
    }

    [Fact]
    public async Task RegisteredWebApp_RunsTheCodeFlow_AfterThePersonConsents()
    {
        using var registration = new RegistrationClient(system.Issuer);
        var registered = await registration.RegisterAsync(WebApp, await IssueTokenAsync());

        Assert.Equal(HttpStatusCode.Created, registered.Status);
        var clientId = registered.Text("client_id")!;
        var secret = registered.Text("client_secret")!;
        Assert.Equal(43, secret.Length);
        Assert.Equal(0, registered.Json.GetProperty("client_secret_expires_at").GetInt64());
        Assert.Equal("client_secret_basic", registered.Text("token_endpoint_auth_method"));
        Assert.Equal(new Uri(system.Issuer, "connect/register/" + clientId).ToString(), registered.Text("registration_client_uri"));

        using var app = system.CreateClient(clientId, secret, Redirect);
        await app.SignInAsync(AliceUserName, AlicePassword);
        var consentPage = await app.AuthorizeAsync("openid profile offline_access");
        Assert.Null(consentPage.Code); // a self-registered app never skips consent
        var authorized = await app.DecideConsentAsync(consentPage, "accept");
        var tokens = await app.RedeemCodeAsync(authorized.Code!, authorized.Pkce.Verifier);
        Assert.NotNull(tokens.IdToken);
        Assert.Equal(clientId, Jwt.Claim(tokens.IdToken!, "aud"));
    }

    [Fact]
    public async Task APublicApp_RegistersWithoutASecret_AndUsesPkceAlone()
    {
        using var registration = new RegistrationClient(system.Issuer);
        var registered = await registration.RegisterAsync(new
        {
            redirect_uris = new[] { Redirect }, token_endpoint_auth_method = "none", scope = "openid",
        }, await IssueTokenAsync());

        Assert.Equal(HttpStatusCode.Created, registered.Status);
        Assert.Null(registered.Text("client_secret"));
        using var app = system.CreateClient(registered.Text("client_id")!, null, Redirect);
        await app.SignInAsync(AliceUserName, AlicePassword);
        var authorized = await app.DecideConsentAsync(await app.AuthorizeAsync("openid"), "accept");
        Assert.NotNull((await app.RedeemCodeAsync(authorized.Code!, authorized.Pkce.Verifier)).IdToken);
    }

    [Fact]
    public async Task WithoutAValidInitialAccessToken_RegistrationIsRefused()
    {
        using var registration = new RegistrationClient(system.Issuer);

        foreach (var token in new[] { null, "made-up-token" })
        {
            var refused = await registration.RegisterAsync(WebApp, token);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
            Assert.Equal("invalid_token", refused.Error);
            Assert.Contains("Bearer", refused.WwwAuthenticate, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task AnExpiredInitialAccessToken_IsRefused()
    {
        var token = await IssueTokenAsync("--expires-in", "00:00:00.001");
        await Task.Delay(TimeSpan.FromMilliseconds(50), Cancellation);

        using var registration = new RegistrationClient(system.Issuer);
        var refused = await registration.RegisterAsync(WebApp, token);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal("invalid_token", refused.Error);
    }

    [Fact]
    public async Task ASingleUseToken_RegistersOneClient_AndARefusedRegistrationDoesNotSpendIt()
    {
        var token = await IssueTokenAsync("--single-use");
        using var registration = new RegistrationClient(system.Issuer);

        var refused = await registration.RegisterAsync(new { redirect_uris = (string[])["http://tool.example.com/cb"] }, token);
        Assert.Equal("invalid_redirect_uri", refused.Error);
        Assert.Equal(HttpStatusCode.Created, (await registration.RegisterAsync(WebApp, token)).Status);
        var reused = await registration.RegisterAsync(WebApp, token);

        Assert.Equal(HttpStatusCode.Unauthorized, reused.Status);
        Assert.Equal("invalid_token", reused.Error);
    }

    [Fact]
    public async Task AReusableToken_RegistersSeveralClients()
    {
        var token = await IssueTokenAsync();
        using var registration = new RegistrationClient(system.Issuer);

        var first = await registration.RegisterAsync(WebApp, token);
        var second = await registration.RegisterAsync(WebApp, token);

        Assert.Equal(HttpStatusCode.Created, second.Status);
        Assert.NotEqual(first.Text("client_id"), second.Text("client_id"));
    }

    [Theory]
    [InlineData("http://tool.example.com/cb")]
    [InlineData("http://localhost:7000/cb")]
    [InlineData("https://tool.example.com/cb#fragment")]
    [InlineData("https://*.example.com/cb")]
    [InlineData("javascript:alert(1)")]
    [InlineData("data:text/html,hi")]
    [InlineData("file:///etc/passwd")]
    [InlineData("/relative/cb")]
    public async Task UnsafeRedirectUris_AreRefused_WithInvalidRedirectUri(string uri)
    {
        using var registration = new RegistrationClient(system.Issuer);

        var refused = await registration.RegisterAsync(new { redirect_uris = new[] { uri } }, await IssueTokenAsync());
        var postLogout = await registration.RegisterAsync(new { redirect_uris = new[] { Redirect }, post_logout_redirect_uris = new[] { uri } },
            await IssueTokenAsync());

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("invalid_redirect_uri", refused.Error);
        Assert.Contains("redirect_uris", refused.Text("error_description"), StringComparison.Ordinal);
        Assert.Equal("invalid_redirect_uri", postLogout.Error);
    }

    [Theory]
    [InlineData("{\"redirect_uris\":[\"https://tool.example.com/cb\"],\"grant_types\":[\"client_credentials\"]}", "grant_types")]
    [InlineData("{\"redirect_uris\":[\"https://tool.example.com/cb\"],\"grant_types\":[\"authorization_code\",\"password\"]}", "grant_types")]
    [InlineData("{\"redirect_uris\":[\"https://tool.example.com/cb\"],\"grant_types\":[\"implicit\"],\"response_types\":[\"token\"]}", "response_types")]
    [InlineData("{\"redirect_uris\":[\"https://tool.example.com/cb\"],\"scope\":\"openid orders.read\"}", "scope")]
    [InlineData("{\"redirect_uris\":[\"https://tool.example.com/cb\"],\"scope\":\"openid sso.admin\"}", "scope")]
    [InlineData("{\"redirect_uris\":[\"https://tool.example.com/cb\"],\"backchannel_logout_uri\":\"http://tool.example.com/logout\"}", "backchannel_logout_uri")]
    [InlineData("{\"redirect_uris\":[\"https://tool.example.com/cb\"],\"token_endpoint_auth_method\":\"private_key_jwt\"}", "token_endpoint_auth_method")]
    [InlineData("{\"redirect_uris\":\"https://tool.example.com/cb\"}", "redirect_uris")]
    [InlineData("{\"redirect_uris\":[\"https://tool.example.com/cb\"],\"client_name\":42}", "client_name")]
    [InlineData("{\"redirect_uris\":[", "JSON")]
    [InlineData("[]", "object")]
    public async Task BadMetadata_IsRefused_WithInvalidClientMetadata(string json, string named)
    {
        using var registration = new RegistrationClient(system.Issuer);

        var refused = await registration.SendAsync(HttpMethod.Post, "connect/register", await IssueTokenAsync(), json);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("invalid_client_metadata", refused.Error);
        Assert.Contains(named, refused.Text("error_description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetadataThatIsNotUtf8_IsRefused_WithInvalidClientMetadata()
    {
        using var registration = new RegistrationClient(system.Issuer);
        // Well-formed JSON whose client_name holds bytes that are no UTF-8 (found by the fuzz run: a 500).
        byte[] body = [.. "{\"redirect_uris\":[\"https://tool.example.com/cb\"],\"client_name\":\""u8, 0xC3, 0x28, 0xBC, .. "\"}"u8];

        var refused = await registration.SendBytesAsync("connect/register", await IssueTokenAsync(), body);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("invalid_client_metadata", refused.Error);
        Assert.Contains("UTF-8", refused.Text("error_description"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"client\"")]
    [InlineData("42")]
    public async Task AReplacementThatIsNoJsonObject_IsRefused_WithInvalidClientMetadata(string json)
    {
        using var registration = new RegistrationClient(system.Issuer);
        var registered = await registration.RegisterAsync(WebApp, await IssueTokenAsync());

        // Found by the fuzz run: a 500 where the replacement's client_id was looked up.
        var refused = await registration.SendAsync(HttpMethod.Put, registered.Text("registration_client_uri")!,
            registered.Text("registration_access_token"), json);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Equal("invalid_client_metadata", refused.Error);
        Assert.Contains("object", refused.Text("error_description"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheRegistrationAccessToken_ReadsReplacesAndDeletesItsClient()
    {
        using var registration = new RegistrationClient(system.Issuer);
        var registered = await registration.RegisterAsync(WebApp, await IssueTokenAsync());
        var uri = registered.Text("registration_client_uri")!;
        var token = registered.Text("registration_access_token")!;
        var clientId = registered.Text("client_id")!;

        var read = await registration.SendAsync(HttpMethod.Get, uri, token);
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal("Tool", read.Text("client_name"));
        Assert.Null(read.Text("client_secret"));

        const string moved = "https://tool.example.com/v2/callback";
        var replaced = await registration.SendAsync(HttpMethod.Put, uri, token, JsonSerializer.Serialize(new
        {
            client_id = clientId, client_name = "Tool v2", redirect_uris = new[] { moved }, scope = "openid profile",
        }));
        Assert.Equal(HttpStatusCode.OK, replaced.Status);
        var reread = await registration.SendAsync(HttpMethod.Get, uri, token);
        Assert.Equal("Tool v2", reread.Text("client_name"));
        Assert.Equal(moved, reread.Json.GetProperty("redirect_uris")[0].GetString());
        Assert.Equal(0, reread.Json.GetProperty("post_logout_redirect_uris").GetArrayLength());

        var badUpdate = await registration.SendAsync(HttpMethod.Put, uri, token,
            JsonSerializer.Serialize(new { client_id = clientId, redirect_uris = (string[])["http://tool.example.com/cb"] }));
        Assert.Equal("invalid_redirect_uri", badUpdate.Error);
        var otherClient = await registration.SendAsync(HttpMethod.Put, uri, token,
            JsonSerializer.Serialize(new { client_id = ClientA, redirect_uris = new[] { moved } }));
        Assert.Equal("invalid_client_metadata", otherClient.Error);
        var chosenSecret = await registration.SendAsync(HttpMethod.Put, uri, token,
            JsonSerializer.Serialize(new { client_id = clientId, client_secret = "my-own-secret", redirect_uris = new[] { moved } }));
        Assert.Equal("invalid_client_metadata", chosenSecret.Error);

        Assert.Equal(HttpStatusCode.NoContent, (await registration.SendAsync(HttpMethod.Delete, uri, token)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await registration.SendAsync(HttpMethod.Get, uri, token)).Status);
        using var deleted = system.CreateClient(clientId, registered.Text("client_secret"), moved);
        Assert.Equal("invalid_client", (await deleted.ClientCredentialsAsync("openid")).Error);
    }

    [Fact]
    public async Task ARegistrationAccessToken_OpensOnlyItsOwnClient()
    {
        using var registration = new RegistrationClient(system.Issuer);
        var mine = await registration.RegisterAsync(WebApp, await IssueTokenAsync());
        var theirs = await registration.RegisterAsync(WebApp, await IssueTokenAsync());
        var myToken = mine.Text("registration_access_token")!;

        foreach (var method in new[] { HttpMethod.Get, HttpMethod.Delete })
        {
            var refused = await registration.SendAsync(method, theirs.Text("registration_client_uri")!, myToken);
            Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
            Assert.Equal("invalid_token", refused.Error);
        }

        // Operators' clients have no registration access token at all.
        Assert.Equal(HttpStatusCode.Unauthorized, (await registration.SendAsync(HttpMethod.Get, "connect/register/" + ClientA, myToken)).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await registration.SendAsync(HttpMethod.Get, mine.Text("registration_client_uri")!, "wrong")).Status);
    }

    [Fact]
    public async Task TokensAndSecrets_AreStoredOnlyAsHashes()
    {
        var initial = await IssueTokenAsync();
        using var registration = new RegistrationClient(system.Issuer);
        var registered = await registration.RegisterAsync(WebApp, initial);

        await using var connection = new SqliteConnection($"Data Source={system.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync(Cancellation);
        var everything = await DumpAsync(connection, "SELECT ClientSecret || ' ' || COALESCE(Properties, '') FROM OpenIddictApplications")
                         + await DumpAsync(connection, "SELECT TokenHash FROM InitialAccessTokens");

        Assert.DoesNotContain(registered.Text("client_secret")!, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(registered.Text("registration_access_token")!, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(initial, everything, StringComparison.Ordinal);
    }

    private async Task<string> IssueTokenAsync(params string[] options)
    {
        var (exit, output) = await system.RunCommandAsync(["initial-access-tokens", "issue", .. options]);
        Assert.Equal(0, exit);
        return output.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)[^1];
    }

    private static async Task<string> DumpAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync(Cancellation);
        var all = new System.Text.StringBuilder();
        while (await reader.ReadAsync(Cancellation))
        {
            all.AppendLine(reader.IsDBNull(0) ? "" : reader.GetString(0));
        }

        return all.ToString();
    }
}
