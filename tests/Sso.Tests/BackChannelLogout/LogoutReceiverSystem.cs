using Sso.Tests.Support;

namespace Sso.Tests.BackChannelLogout;

/// <summary>The identity server with both web clients' back-channel logout endpoints played by receivers.</summary>
public sealed class LogoutReceiverSystem() : SsoSystem(withApps: false)
{
    public static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(2);

    public LogoutReceiver AppA { get; private set; } = null!;

    public LogoutReceiver AppB { get; private set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        AppA = await LogoutReceiver.StartAsync();
        AppB = await LogoutReceiver.StartAsync();
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await AppA.DisposeAsync();
        await AppB.DisposeAsync();
    }

    protected override Uri BackChannelLogoutUriOf(string clientId) => clientId == TestAccounts.ClientB ? AppB.Url : AppA.Url;

    protected override void ConfigureServer(IDictionary<string, string?> settings)
    {
        settings["BackChannelLogout:Timeout"] = DeliveryTimeout.ToString();
        settings["BackChannelLogout:FirstRetryDelay"] = "00:00:00.200";
        settings["BackChannelLogout:PollInterval"] = "00:00:00.200";
        settings["BackChannelLogout:MaxAttempts"] = "3";
    }
}
