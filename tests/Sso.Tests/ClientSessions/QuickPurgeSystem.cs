using Sso.Tests.Support;

namespace Sso.Tests.ClientSessions;

/// <summary>A system whose apps purge expired sessions every second instead of every ten minutes.</summary>
public sealed class QuickPurgeSystem() : SsoSystem(withApps: true)
{
    protected override void ConfigureApp(ClientApp app, IDictionary<string, string?> settings) =>
        settings["Sessions:PurgeInterval"] = "00:00:01";
}
