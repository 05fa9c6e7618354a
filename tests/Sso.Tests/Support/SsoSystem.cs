using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Sso.ClientAppA;
using Sso.ClientAppB;
using Sso.IdentityServer;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Support;

/// <summary>
/// A whole Sso system for one test class: the identity server on its own database (a SQLite file,
/// or a fresh PostgreSQL database when <see cref="TestDatabase.PostgresVariable"/> is set) and, when
/// asked, both client apps, each on real Kestrel on a free loopback port.
/// </summary>
public abstract class SsoSystem : IAsyncLifetime
{
    private readonly bool _withApps;
    private readonly string _directory;
    private AppFactory<IdentityServerEntryPoint>? _server;
    private AppFactory<ClientAppAEntryPoint>? _appA;
    private AppFactory<ClientAppBEntryPoint>? _appB;

    protected SsoSystem(bool withApps)
    {
        _withApps = withApps;
        _directory = Directory.CreateTempSubdirectory("sso-test-").FullName;
        Database = new TestDatabase(Path.Combine(_directory, "sso.db"));
    }

    public int ServerPort { get; } = FreePort.Next();

    public int AppAPort { get; } = FreePort.Next();

    public int AppBPort { get; } = FreePort.Next();

    /// <summary>Where clients reach the server (a load balancer's URL for a cluster).</summary>
    public virtual Uri Issuer => ServerUrl;

    /// <summary>The first (or only) instance itself.</summary>
    public Uri ServerUrl => new($"http://localhost:{ServerPort}/");

    public Uri AppAUrl => new($"http://localhost:{AppAPort}/");

    public Uri AppBUrl => new($"http://localhost:{AppBPort}/");

    /// <summary>The server's database; its <see cref="TestDatabase.Settings"/> let a command line or a second instance use it too.</summary>
    public TestDatabase Database { get; }

    /// <summary>The SQLite file, for tests that read it directly (they run on SQLite only).</summary>
    public string DatabasePath => Database.SqlitePath;

    public IServiceProvider ServerServices => (_server ?? throw new InvalidOperationException("The server is not running.")).Services;

    public virtual async ValueTask InitializeAsync()
    {
        await Database.CreateAsync(TestContext.Current.CancellationToken);
        await StartServerAsync();
        if (_withApps)
        {
            await StartAppAsync(ClientApp.A);
            await StartAppAsync(ClientApp.B);
        }
    }

    /// <summary>Stops one app and starts it again on the same port, key ring and session file.</summary>
    public async Task RestartAppAsync(ClientApp app)
    {
        await StopAppAsync(app);
        await StartAppAsync(app);
    }

    /// <summary>Stops the identity server (the apps keep running): for tests of an unreachable server.</summary>
    public async Task StopServerAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
    }

    /// <summary>The running app's services, for the few checks no page or API can show.</summary>
    public IServiceProvider AppServices(ClientApp app) => app switch
    {
        ClientApp.A => (_appA ?? throw new InvalidOperationException("App A is not running.")).Services,
        _ => (_appB ?? throw new InvalidOperationException("App B is not running.")).Services,
    };

    public Uri AppUrl(ClientApp app) => app == ClientApp.A ? AppAUrl : AppBUrl;

    /// <summary>The app's server-side session file (Sessions:SqlitePath).</summary>
    public string AppSessionsPath(ClientApp app) => Path.Combine(_directory, $"sessions-{(app == ClientApp.A ? "a" : "b")}.db");

    /// <summary>Stops the identity server and starts it again on the same port and database.</summary>
    public async Task RestartServerAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await StartServerAsync();
    }

    /// <summary>A protocol client for one of the registered clients, with its own cookie jar.</summary>
    public OAuthTestClient CreateClient(string clientId = ClientA, string? clientSecret = ClientASecret, string? redirectUri = null) =>
        new(Issuer, clientId, clientSecret, redirectUri ?? RedirectUriOf(clientId));

    /// <summary>A protocol client for another app in the same browser as <paramref name="browser"/> (its cookies).</summary>
    public OAuthTestClient CreateClientInSameBrowser(OAuthTestClient browser, string clientId, string clientSecret) =>
        new(Issuer, clientId, clientSecret, RedirectUriOf(clientId), browser.Cookies);

    public string RedirectUriOf(string clientId) => clientId switch
    {
        ClientA => new Uri(AppAUrl, "signin-oidc").ToString(),
        ClientB => new Uri(AppBUrl, "signin-oidc").ToString(),
        Partner => PartnerRedirectUri,
        _ => "",
    };

    /// <summary>Where the server sends a web client's logout notices: the app's own endpoint, unless a test listens there instead.</summary>
    protected virtual Uri BackChannelLogoutUriOf(string clientId) =>
        new(clientId == ClientB ? AppBUrl : AppAUrl, "signout-backchannel");

    /// <summary>Lets a test class change the server's settings (short lifetimes, key timings).</summary>
    protected virtual void ConfigureServer(IDictionary<string, string?> settings)
    {
    }

    /// <summary>Lets a test class add to a host: <paramref name="app"/> is null for the identity server.</summary>
    protected virtual void ConfigureHost(ClientApp? app, IWebHostBuilder builder)
    {
    }

    /// <summary>Lets a test class change one app's settings (short sign-in ages, a wrong secret).</summary>
    protected virtual void ConfigureApp(ClientApp app, IDictionary<string, string?> settings)
    {
    }

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var app in new IAsyncDisposable?[] { _appA, _appB, _server })
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }

        SqliteConnection.ClearAllPools();
        await Database.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a dying connection; the temp folder is cleaned by the OS.
        }

        GC.SuppressFinalize(this);
    }

    private async Task StartServerAsync() =>
        _server = await new AppFactory<IdentityServerEntryPoint>(ServerSettings(), configureHost: builder => ConfigureHost(null, builder)).StartAsync(ServerPort);

    private async Task StartAppAsync(ClientApp app)
    {
        if (app == ClientApp.A)
        {
            _appA = await new AppFactory<ClientAppAEntryPoint>(AppSettings(app, ClientA, ClientASecret, AppBUrl), configureHost: builder => ConfigureHost(app, builder)).StartAsync(AppAPort);
        }
        else
        {
            _appB = await new AppFactory<ClientAppBEntryPoint>(AppSettings(app, ClientB, ClientBSecret, AppAUrl), configureHost: builder => ConfigureHost(app, builder)).StartAsync(AppBPort);
        }
    }

    private async Task StopAppAsync(ClientApp app)
    {
        IAsyncDisposable? running = app == ClientApp.A ? _appA : _appB;
        if (running is not null)
        {
            await running.DisposeAsync();
        }

        if (app == ClientApp.A)
        {
            _appA = null;
        }
        else
        {
            _appB = null;
        }
    }

    /// <summary>The settings the server starts with; another instance of a cluster starts with them too.</summary>
    protected Dictionary<string, string?> ServerSettings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Server:Issuer"] = Issuer.ToString(),
            ["Keys:RefreshInterval"] = "00:00:00.200",
            ["TokenLifetimes:RefreshTokenReuseLeeway"] = "00:00:02",
        };
        foreach (var (key, value) in Database.Settings)
        {
            settings[key] = value;
        }

        // Tests sign in and call the token endpoint many times a minute from 127.0.0.1; the
        // throttling tests set real limits in their ConfigureServer.
        foreach (var limit in (string[])["SignInPerAddress", "SignInPerAccount", "TokenPerClient", "RegistrationPerAddress", "AdminApiPerAddress", "AdminPagesPerAddress"])
        {
            settings[$"Throttling:{limit}:PermitLimit"] = "100000";
        }

        var seed = new SeedSettings(settings);
        seed.User(AliceUserName, AlicePassword, AliceDisplayName, "alice@example.test", "admin");
        seed.User(BobUserName, BobPassword, "Bob Builder", "bob@example.test");
        seed.Scope("orders.read", "orders-api");
        seed.Scope("orders.write", "orders-api");
        seed.Scope("billing.read", "billing-api");
        seed.Scope("billing.write", "billing-api");
        seed.WebClient(ClientA, ClientASecret, "implicit", AppAUrl, AppAScopes, BackChannelLogoutUriOf(ClientA));
        seed.WebClient(ClientB, ClientBSecret, "implicit", AppBUrl, AppBScopes, BackChannelLogoutUriOf(ClientB));
        seed.Client(Partner, PartnerSecret, "explicit", ["authorization_code", "refresh_token"],
            [PartnerRedirectUri], ["https://partner.example.com/signed-out"], "openid profile offline_access orders.read");
        seed.Client(Reporting, ReportingSecret, "implicit", ["client_credentials"], [], [], "orders.read billing.read");
        // The Billing API itself, as a confidential client with no grant: it only introspects tokens.
        seed.Client(BillingApi, BillingApiSecret, "implicit", [], [], [], "");
        ConfigureServer(settings);
        return settings;
    }

    private Dictionary<string, string?> AppSettings(ClientApp app, string clientId, string secret, Uri peer)
    {
        var name = app == ClientApp.A ? "a" : "b";
        var settings = new Dictionary<string, string?>
        {
            ["Sso:Authority"] = Issuer.ToString(),
            ["Sso:ClientId"] = clientId,
            ["Sso:ClientSecret"] = secret,
            ["DownstreamApi:BaseUrl"] = peer.ToString(),
            ["DataProtection:KeysPath"] = Path.Combine(_directory, "keys-" + name),
            ["Sessions:SqlitePath"] = AppSessionsPath(app),
            ["Api:Introspection:ClientId"] = BillingApi,
            ["Api:Introspection:ClientSecret"] = BillingApiSecret,
        };
        ConfigureApp(app, settings);
        return settings;
    }
}

/// <summary>The identity server alone: for protocol tests.</summary>
public sealed class IdentityServerFixture() : SsoSystem(withApps: false);

/// <summary>The identity server and both apps: for journeys across apps.</summary>
public sealed class FullSystemFixture() : SsoSystem(withApps: true);
