using Sso.Tests.Support;

namespace Sso.Tests.Throttling;

/// <summary>
/// The identity server with small limits, windows long enough never to end during a test, and
/// X-Forwarded-For trusted from loopback (as behind the cluster's nginx), so a test can act from
/// as many client addresses as it likes. Tests share the server: each uses addresses, accounts
/// and clients of its own.
/// </summary>
public sealed class ThrottlingSystem() : SsoSystem(withApps: false)
{
    public const int SignInPerAddress = 5;
    public const int SignInPerAccount = 4;
    public const int MaxFailedSignIns = 3;
    public const int TokenPerClient = 3;
    public const int PerAddress = 3;
    public static readonly TimeSpan Window = TimeSpan.FromHours(1);

    /// <summary>Services that only get tokens, one per test that counts token requests.</summary>
    public static readonly string[] Services = ["throttled-service", "other-service", "impersonated-service"];

    public const string ServiceSecret = "test-secret-throttled-services";

    private int _nextAddress;

    /// <summary>A client address no other request to this server has used (TEST-NET-3, RFC 5737, then 198.18/15).</summary>
    public string NewAddress()
    {
        var n = Interlocked.Increment(ref _nextAddress);
        return n < 255 ? $"203.0.113.{n}" : $"198.18.{n / 250 % 250}.{n % 250 + 1}";
    }

    /// <summary>A browser (and app) whose requests reach the server from <paramref name="address"/>.</summary>
    public OAuthTestClient ClientFrom(string address, string clientId = TestAccounts.ClientA, string? secret = TestAccounts.ClientASecret)
    {
        var client = CreateClient(clientId, secret);
        client.Http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        return client;
    }

    protected override void ConfigureServer(IDictionary<string, string?> settings)
    {
        settings["Server:TrustForwardedHeaders"] = "true";
        settings["Accounts:MaxFailedSignIns"] = MaxFailedSignIns.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Limit(settings, "SignInPerAddress", SignInPerAddress);
        Limit(settings, "SignInPerAccount", SignInPerAccount);
        Limit(settings, "TokenPerClient", TokenPerClient);
        Limit(settings, "RegistrationPerAddress", PerAddress);
        Limit(settings, "AdminApiPerAddress", PerAddress);
        Limit(settings, "AdminPagesPerAddress", PerAddress);

        var seed = new SeedSettings(settings);
        foreach (var service in Services)
        {
            seed.Client(service, ServiceSecret, "implicit", ["client_credentials"], [], [], "orders.read");
        }
    }

    private static void Limit(IDictionary<string, string?> settings, string name, int permits)
    {
        settings[$"Throttling:{name}:PermitLimit"] = permits.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings[$"Throttling:{name}:Window"] = Window.ToString();
    }
}
