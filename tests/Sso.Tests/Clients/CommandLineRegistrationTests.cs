using System.Net;
using Microsoft.Data.Sqlite;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Clients;

/// <summary>An operator registers and manages clients with the server binary's command line while the server runs.</summary>
public sealed class CommandLineRegistrationTests(ClientsSystem system) : IClassFixture<ClientsSystem>
{
    [Fact]
    public async Task AddedService_GetsTokensWithItsGeneratedSecret()
    {
        var (exit, output) = await system.RunCommandAsync("clients", "add", "cli-reporting",
            "--grant-type", "client_credentials", "--scope", "orders.read,billing.read", "--name", "Reporting (CLI)");
        Assert.Equal(0, exit);
        var secret = ServerCommand.SecretIn(output);

        using var service = system.CreateClient("cli-reporting", secret);
        var tokens = await service.ClientCredentialsAsync("orders.read");

        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.Equal("cli-reporting", Jwt.Claim(tokens.AccessToken!, "sub"));
        Assert.Contains("orders-api", Jwt.Claim(tokens.AccessToken!, "aud"), StringComparison.Ordinal);
        Assert.False(tokens.Has("refresh_token"));
    }

    [Fact]
    public async Task RotatedSecret_ReplacesTheOldOneAtOnce()
    {
        var secret = ServerCommand.SecretIn((await system.RunCommandAsync("clients", "add", "cli-rotating",
            "--grant-type", "client_credentials", "--scope", "orders.read")).Output);

        var (exit, output) = await system.RunCommandAsync("clients", "rotate-secret", "cli-rotating");
        Assert.Equal(0, exit);
        var rotated = ServerCommand.SecretIn(output);

        Assert.NotEqual(secret, rotated);
        using var old = system.CreateClient("cli-rotating", secret);
        var refused = await old.ClientCredentialsAsync("orders.read");
        Assert.Equal(HttpStatusCode.Unauthorized, refused.Status);
        Assert.Equal("invalid_client", refused.Error);
        using var current = system.CreateClient("cli-rotating", rotated);
        Assert.NotNull((await current.ClientCredentialsAsync("orders.read")).AccessToken);
    }

    [Fact]
    public async Task AddedWebClient_RunsTheCodeFlow_WithConsentAsked()
    {
        const string redirect = "https://notes.example.com/signin-oidc";
        var (exit, output) = await system.RunCommandAsync("clients", "add", "cli-notes",
            "--grant-type", "authorization_code,refresh_token", "--redirect-uri", redirect,
            "--post-logout-redirect-uri", "https://notes.example.com/signed-out",
            "--scope", "openid", "--scope", "profile", "--scope", "offline_access", "--consent", "explicit");
        Assert.Equal(0, exit);

        using var app = system.CreateClient("cli-notes", ServerCommand.SecretIn(output), redirect);
        Assert.Equal(HttpStatusCode.Redirect, (await app.SignInAsync(AliceUserName, AlicePassword)).StatusCode);
        var consentPage = await app.AuthorizeAsync("openid profile offline_access");
        Assert.Null(consentPage.Code);
        var authorized = await app.DecideConsentAsync(consentPage, "accept");
        var tokens = await app.RedeemCodeAsync(authorized.Code!, authorized.Pkce.Verifier);

        Assert.NotNull(tokens.IdToken);
        Assert.NotNull(tokens.RefreshToken);
    }

    [Fact]
    public async Task Show_Update_List_AndDelete_ActOnTheSameDatabaseTheServerUses()
    {
        var secret = ServerCommand.SecretIn((await system.RunCommandAsync("clients", "add", "cli-lifecycle",
            "--grant-type", "client_credentials", "--scope", "orders.read")).Output);

        Assert.Equal(0, (await system.RunCommandAsync("clients", "update", "cli-lifecycle",
            "--scope", "billing.read", "--access-token-lifetime", "00:01:00", "--name", "Renamed")).ExitCode);
        var shown = (await system.RunCommandAsync("clients", "show", "cli-lifecycle")).Output;
        Assert.Contains("billing.read", shown, StringComparison.Ordinal);
        Assert.Contains("Renamed", shown, StringComparison.Ordinal);
        Assert.Contains("00:01:00", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
        Assert.Contains("cli-lifecycle", (await system.RunCommandAsync("clients", "list")).Output, StringComparison.Ordinal);

        // The running server sees the change at once: the old scope is gone, the lifetime applies.
        using var service = system.CreateClient("cli-lifecycle", secret);
        Assert.Equal("invalid_scope", (await service.ClientCredentialsAsync("orders.read")).Error);
        var token = (await service.ClientCredentialsAsync("billing.read")).AccessToken!;
        var payload = Jwt.Payload(token);
        Assert.Equal(60, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());

        Assert.Equal(0, (await system.RunCommandAsync("clients", "delete", "cli-lifecycle")).ExitCode);
        Assert.Equal("invalid_client", (await service.ClientCredentialsAsync("billing.read")).Error);
        Assert.DoesNotContain("cli-lifecycle", (await system.RunCommandAsync("clients", "list")).Output, StringComparison.Ordinal);
        Assert.Equal(1, (await system.RunCommandAsync("clients", "show", "cli-lifecycle")).ExitCode);
    }

    [Theory]
    [InlineData("--redirect-uri", "http://notes.example.com/cb", "must use https")]
    [InlineData("--redirect-uri", "https://notes.example.com/cb#x", "fragment")]
    [InlineData("--redirect-uri", "https://*.example.com/cb", "wildcard")]
    [InlineData("--redirect-uri", "javascript:alert(1)", "javascript")]
    [InlineData("--post-logout-redirect-uri", "data:text/html,hi", "data")]
    [InlineData("--backchannel-logout-uri", "http://notes.example.com/logout", "must use https")]
    [InlineData("--grant-type", "password", "not supported")]
    [InlineData("--scope", "nonexistent.scope", "not registered")]
    [InlineData("--access-token-lifetime", "2.00:00:00", "TokenLifetimes:AccessToken")]
    [InlineData("--access-token-lifetime", "soon", "time span")]
    public async Task BadInput_IsRefused_NamingTheOption(string option, string value, string reason)
    {
        string[] args =
        [
            "clients", "add", "cli-refused", "--grant-type", "authorization_code", "--redirect-uri", "https://notes.example.com/cb",
            "--scope", "openid", option, value,
        ];
        var (exit, output) = await system.RunCommandAsync(option == "--grant-type" ? [.. args, "--grant-type", "authorization_code"] : args);

        Assert.Equal(1, exit);
        Assert.Contains($"error: {option}:", output, StringComparison.Ordinal);
        Assert.Contains(reason, output, StringComparison.Ordinal);
        Assert.DoesNotContain("Client secret", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APublicClient_WithClientCredentials_IsRefused()
    {
        var (exit, output) = await system.RunCommandAsync("clients", "add", "cli-public", "--type", "public",
            "--grant-type", "client_credentials", "--scope", "orders.read");

        Assert.Equal(1, exit);
        Assert.Contains("error: --grant-type: a public client cannot use client_credentials", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AClientIdTaken_ByAClientOrAUser_IsRefused()
    {
        Assert.Contains("already registered", (await system.RunCommandAsync("clients", "add", ClientA,
            "--grant-type", "client_credentials", "--scope", "orders.read")).Output, StringComparison.Ordinal);
        Assert.Contains("user's id or name", (await system.RunCommandAsync("clients", "add", AliceUserName,
            "--grant-type", "client_credentials", "--scope", "orders.read")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scopes_AreAdded_Given_AndOnlyDeletedWhenUnused()
    {
        Assert.Equal(0, (await system.RunCommandAsync("scopes", "add", "stock.read", "--display-name", "Read stock", "--resource", "stock-api")).ExitCode);
        Assert.Contains("stock-api", (await system.RunCommandAsync("scopes", "list")).Output, StringComparison.Ordinal);
        var secret = ServerCommand.SecretIn((await system.RunCommandAsync("clients", "add", "cli-stock",
            "--grant-type", "client_credentials", "--scope", "stock.read")).Output);
        using var service = system.CreateClient("cli-stock", secret);
        Assert.Equal("stock-api", Jwt.Claim((await service.ClientCredentialsAsync("stock.read")).AccessToken!, "aud"));

        Assert.Equal(0, (await system.RunCommandAsync("scopes", "update", "stock.read", "--resource", "stock-api-v2")).ExitCode);
        Assert.Equal("stock-api-v2", Jwt.Claim((await service.ClientCredentialsAsync("stock.read")).AccessToken!, "aud"));

        var inUse = await system.RunCommandAsync("scopes", "delete", "stock.read");
        Assert.Equal(1, inUse.ExitCode);
        Assert.Contains("cli-stock", inUse.Output, StringComparison.Ordinal);
        Assert.Equal(0, (await system.RunCommandAsync("clients", "delete", "cli-stock")).ExitCode);
        Assert.Equal(0, (await system.RunCommandAsync("scopes", "delete", "stock.read")).ExitCode);
        Assert.Equal(1, (await system.RunCommandAsync("scopes", "delete", "openid")).ExitCode);
    }

    [Theory]
    [InlineData("clients")]
    [InlineData("clients", "list")]
    [InlineData("clients", "show")]
    [InlineData("clients", "add")]
    [InlineData("clients", "update")]
    [InlineData("clients", "delete")]
    [InlineData("clients", "rotate-secret")]
    [InlineData("scopes")]
    [InlineData("scopes", "list")]
    [InlineData("scopes", "add")]
    [InlineData("scopes", "update")]
    [InlineData("scopes", "delete")]
    [InlineData("initial-access-tokens")]
    [InlineData("initial-access-tokens", "issue")]
    public async Task EveryCommand_HasHelp(params string[] command)
    {
        var (exit, output) = await system.RunCommandAsync([.. command, "--help"]);

        Assert.Equal(0, exit);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Contains(string.Join(' ', command), output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Secrets_AreStoredOnlyAsHashes()
    {
        var secret = ServerCommand.SecretIn((await system.RunCommandAsync("clients", "add", "cli-hashed",
            "--grant-type", "client_credentials", "--scope", "orders.read")).Output);

        var stored = await StoredSecretAsync(system, "cli-hashed");

        Assert.NotNull(stored);
        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        Assert.StartsWith("sha256:", stored, StringComparison.Ordinal);
    }

    internal static async Task<string?> StoredSecretAsync(SsoSystem system, string clientId)
    {
        await using var connection = new SqliteConnection($"Data Source={system.DatabasePath};Mode=ReadOnly");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT ClientSecret FROM OpenIddictApplications WHERE ClientId = $id";
        command.Parameters.AddWithValue("$id", clientId);
        return (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken);
    }
}
