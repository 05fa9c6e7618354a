using Sso.Tests.Support;

namespace Sso.Tests.Clients;

/// <summary>
/// A server whose configuration declares a few more clients; a test may drop one of them from the
/// configuration, and turn pruning on, before restarting the server.
/// </summary>
public sealed class ConfiguredClientsSystem : ClientsSystem
{
    public const string ShortLived = "configured-short-lived";
    public const string ShortLivedSecret = "test-secret-configured-short-lived";
    public const string Temporary = "configured-temporary";

    public bool DeclareTemporary { get; set; } = true;

    public bool Prune { get; set; }

    protected override void ConfigureServer(IDictionary<string, string?> settings)
    {
        base.ConfigureServer(settings);
        var seed = new SeedSettings(settings);
        var index = settings.Keys.Count(key => key.StartsWith("Seed:Clients:", StringComparison.Ordinal) && key.EndsWith(":ClientId", StringComparison.Ordinal));
        seed.Client(ShortLived, ShortLivedSecret, "implicit", ["client_credentials"], [], [], "orders.read");
        settings[$"Seed:Clients:{index}:AccessTokenLifetime"] = "00:01:00";
        if (DeclareTemporary)
        {
            seed.Client(Temporary, "test-secret-configured-temporary", "implicit", ["client_credentials"], [], [], "orders.read");
        }

        settings["Seed:PruneClients"] = Prune ? "true" : "false";
    }
}
