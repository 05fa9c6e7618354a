using Sso.Tests.Support;

namespace Sso.Tests.StepUp;

/// <summary>
/// A system whose payments page needs a sign-in from the last 4 s (plus 3 s for clocks and the
/// round trip): a test can outwait it, and a fresh sign-in still comfortably passes.
/// </summary>
public sealed class StepUpSystem() : SsoSystem(withApps: true)
{
    public static readonly TimeSpan MaxSignInAge = TimeSpan.FromSeconds(4);
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(3);

    protected override void ConfigureApp(ClientApp app, IDictionary<string, string?> settings)
    {
        settings["Payments:MaxSignInAge"] = MaxSignInAge.ToString();
        settings["Payments:ClockSkew"] = ClockSkew.ToString();
    }
}
