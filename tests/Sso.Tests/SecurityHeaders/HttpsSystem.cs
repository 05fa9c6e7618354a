using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Sso.ClientAppA;
using Sso.IdentityServer;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.SecurityHeaders;

/// <summary>
/// The identity server and Orders in Production on https host names, in memory: Orders reaches the
/// server (discovery, keys, token, userinfo) through the server's in-memory handler.
/// </summary>
public sealed class HttpsSystem : IAsyncLifetime
{
    public static readonly Uri ServerUrl = new("https://sso.example.test/");
    public static readonly Uri AppUrl = new("https://orders.example.test/");

    private readonly string _directory = Directory.CreateTempSubdirectory("sso-https-").FullName;

    public InMemoryApp<IdentityServerEntryPoint> Server { get; private set; } = null!;

    public InMemoryApp<ClientAppAEntryPoint> App { get; private set; } = null!;

    public ValueTask InitializeAsync()
    {
        var server = new Dictionary<string, string?>
        {
            ["Server:Issuer"] = ServerUrl.ToString(),
            ["Database:SqlitePath"] = Path.Combine(_directory, "sso.db"),
        };
        var seed = new SeedSettings(server);
        seed.User(AliceUserName, AlicePassword, AliceDisplayName, "alice@example.test", "admin");
        seed.Scope("billing.read", "billing-api");
        seed.WebClient(ClientA, ClientASecret, "implicit", AppUrl, AppAScopes, new Uri(AppUrl, "signout-backchannel"));
        Server = new InMemoryApp<IdentityServerEntryPoint>(server);
        Server.StartServer();

        var app = new Dictionary<string, string?>
        {
            ["Sso:Authority"] = ServerUrl.ToString(),
            ["Sso:ClientId"] = ClientA,
            ["Sso:ClientSecret"] = ClientASecret,
            // Nothing listens there: the account page shows that the other app is unavailable.
            ["DownstreamApi:BaseUrl"] = "https://127.0.0.1:9/",
            ["DataProtection:KeysPath"] = Path.Combine(_directory, "keys-a"),
            ["Sessions:SqlitePath"] = Path.Combine(_directory, "sessions-a.db"),
        };
        var serverHandler = Server.Server.CreateHandler();
        App = new InMemoryApp<ClientAppAEntryPoint>(app, services =>
            services.Configure<OpenIdConnectOptions>(OpenIdConnectDefaults.AuthenticationScheme, oidc => oidc.BackchannelHttpHandler = serverHandler));
        App.StartServer();
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        await App.DisposeAsync();
        await Server.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleaning.
        }
    }
}
