using Sso.ClientAppA;
using Sso.Tests.Support;

namespace Sso.Tests.Clients;

/// <summary>
/// The identity server with an admin service client (the sso.admin scope), and Orders (ClientAppA)
/// started on demand under whichever client a test registered for it.
/// </summary>
public class ClientsSystem() : SsoSystem(withApps: false)
{
    public const string AdminClient = "admin-automation";
    public const string AdminSecret = "test-secret-admin-automation";

    private readonly string _keys = Directory.CreateTempSubdirectory("sso-clients-keys-").FullName;

    public Task<AdminApiClient> AdminApiAsync() => AdminApiClient.SignInAsync(Issuer, AdminClient, AdminSecret);

    public Task<(int ExitCode, string Output)> RunCommandAsync(params string[] args) => ServerCommand.RunAsync(this, args);

    /// <summary>Starts Orders signing in as <paramref name="clientId"/>; the caller disposes it.</summary>
    public async Task<AppFactory<ClientAppAEntryPoint>> StartOrdersAppAsync(int port, string clientId, string secret) =>
        await new AppFactory<ClientAppAEntryPoint>(new Dictionary<string, string?>
        {
            ["Sso:Authority"] = Issuer.ToString(),
            ["Sso:ClientId"] = clientId,
            ["Sso:ClientSecret"] = secret,
            ["DownstreamApi:BaseUrl"] = "http://localhost:9/",
            ["DataProtection:KeysPath"] = Path.Combine(_keys, clientId),
        }).StartAsync(port);

    /// <summary>Whether the token endpoint accepts <paramref name="secret"/> for <paramref name="clientId"/> (as HTTP Basic, like the apps).</summary>
    public async Task<bool> CanUseSecretAsync(string clientId, string secret)
    {
        using var client = CreateClient(clientId, secret, "https://unused.example.com/");
        var answer = await client.PostTokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = "no-such-token" });
        return answer.Error != "invalid_client";
    }

    protected override void ConfigureServer(IDictionary<string, string?> settings)
    {
        new SeedSettings(settings).Client(AdminClient, AdminSecret, "implicit", ["client_credentials"], [], [], "sso.admin");
    }
}
