using Sso.Tests.Support;

namespace Sso.Tests.Protocol;

/// <summary>The identity server with a token pruning pass every 200 ms (default retention, 14 days).</summary>
public sealed class TokenPruningSystem() : SsoSystem(withApps: false)
{
    protected override void ConfigureServer(IDictionary<string, string?> settings)
    {
        settings["TokenPruning:Interval"] = "00:00:00.200";
        settings["TokenPruning:MaxPassDuration"] = "00:00:00.200";
    }
}
