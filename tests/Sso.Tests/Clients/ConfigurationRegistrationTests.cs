using System.Buffers.Binary;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Clients;

/// <summary>Clients declared in configuration (Seed:Clients) are created or updated at start through the same registry.</summary>
public sealed class ConfigurationRegistrationTests(ConfiguredClientsSystem system) : IClassFixture<ConfiguredClientsSystem>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ConfiguredService_GetsTokens_WithItsOwnAccessTokenLifetime()
    {
        using var service = system.CreateClient(ConfiguredClientsSystem.ShortLived, ConfiguredClientsSystem.ShortLivedSecret);

        var payload = Jwt.Payload((await service.ClientCredentialsAsync("orders.read")).AccessToken!);

        Assert.Equal(60, payload.GetProperty("exp").GetInt64() - payload.GetProperty("iat").GetInt64());
        Assert.Equal(ConfiguredClientsSystem.ShortLived, payload.GetProperty("sub").GetString());
    }

    [Fact]
    public async Task ConfiguredWebClient_IsListedAsComingFromConfiguration()
    {
        var (_, output) = await system.RunCommandAsync("clients", "show", ClientA);

        Assert.Contains("Configuration", output, StringComparison.Ordinal);
        Assert.Contains(new Uri(system.AppAUrl, "signin-oidc").ToString(), output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AHumanChosenConfiguredSecret_KeepsKeyStretching()
    {
        var stored = await CommandLineRegistrationTests.StoredSecretAsync(system, ClientA);

        Assert.NotNull(stored);
        Assert.DoesNotContain(ClientASecret, stored, StringComparison.Ordinal);
        Assert.False(stored.StartsWith("sha256:", StringComparison.Ordinal), "a short, human-chosen secret must keep PBKDF2");
    }

    [Fact]
    public async Task ASecretHashedByOpenIddictsPbkdf2_StillVerifies_AndIsUpgradedToSha256()
    {
        var secret = ServerCommand.SecretIn((await system.RunCommandAsync("clients", "add", "legacy-service",
            "--grant-type", "client_credentials", "--scope", "orders.read")).Output);
        await SetStoredSecretAsync("legacy-service", OpenIddictPbkdf2(secret));

        using var service = system.CreateClient("legacy-service", secret);
        var tokens = await service.ClientCredentialsAsync("orders.read");

        Assert.Equal(HttpStatusCode.OK, tokens.Status);
        Assert.StartsWith("sha256:", await CommandLineRegistrationTests.StoredSecretAsync(system, "legacy-service"), StringComparison.Ordinal);
        Assert.NotNull((await service.ClientCredentialsAsync("orders.read")).AccessToken);
    }

    /// <summary>OpenIddict's own format: 0x01, PRF (1 = HMAC-SHA256), iterations, salt length, salt, 256-bit subkey; all big-endian.</summary>
    private static string OpenIddictPbkdf2(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(16);
        var key = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(secret), salt, 10_000, HashAlgorithmName.SHA256, 32);
        var payload = new byte[13 + salt.Length + key.Length];
        payload[0] = 0x01;
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(1), 1);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(5), 10_000);
        BinaryPrimitives.WriteUInt32BigEndian(payload.AsSpan(9), (uint)salt.Length);
        salt.CopyTo(payload, 13);
        key.CopyTo(payload, 13 + salt.Length);
        return Convert.ToBase64String(payload);
    }

    private async Task SetStoredSecretAsync(string clientId, string hash)
    {
        await using var connection = new SqliteConnection($"Data Source={system.DatabasePath}");
        await connection.OpenAsync(Cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "UPDATE OpenIddictApplications SET ClientSecret = $hash WHERE ClientId = $id";
        command.Parameters.AddWithValue("$hash", hash);
        command.Parameters.AddWithValue("$id", clientId);
        Assert.Equal(1, await command.ExecuteNonQueryAsync(Cancellation));
    }
}
