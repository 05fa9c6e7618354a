using Sso.Tests.Support;

namespace Sso.Tests.Apis;

/// <summary>
/// A system whose Billing API caches introspection answers for a minute: long enough that an
/// answer cached at the start of a test is certainly still cached at its end.
/// </summary>
public sealed class IntrospectionSystem() : SsoSystem(withApps: true)
{
    protected override void ConfigureApp(ClientApp app, IDictionary<string, string?> settings) =>
        settings["Api:Introspection:CacheDuration"] = "00:01:00";
}
