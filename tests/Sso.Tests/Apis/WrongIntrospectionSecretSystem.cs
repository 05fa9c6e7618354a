using Sso.Tests.Support;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Apis;

/// <summary>A system whose Billing API presents the wrong secret at introspection: a deployment mistake.</summary>
public sealed class WrongIntrospectionSecretSystem() : SsoSystem(withApps: true)
{
    protected override void ConfigureApp(ClientApp app, IDictionary<string, string?> settings) =>
        settings["Api:Introspection:ClientSecret"] = "not-" + BillingApiSecret;
}
