using Sso.Tests.Support;

namespace Sso.Tests.Sessions;

/// <summary>
/// Sessions that end after 5 s without use (half of it leaves a loaded machine room for a
/// request), swept every 200 ms, with Alice's apps' logout endpoints played by receivers, so a
/// test can see what the apps are told.
/// </summary>
public sealed class IdleSessionSystem() : SsoSystem(withApps: false)
{
    public static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(5);

    public LogoutReceiver AppA { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        AppA = await LogoutReceiver.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await AppA.DisposeAsync();
    }

    protected override Uri BackChannelLogoutUriOf(string clientId) => clientId == TestAccounts.ClientA ? AppA.Url : base.BackChannelLogoutUriOf(clientId);

    protected override void ConfigureServer(IDictionary<string, string?> settings)
    {
        settings["Sessions:IdleTimeout"] = IdleTimeout.ToString();
        settings["Sessions:ActivityResolution"] = "00:00:00";
        settings["Sessions:CleanupInterval"] = "00:00:00.200";
        settings["BackChannelLogout:PollInterval"] = "00:00:00.200";
    }
}
