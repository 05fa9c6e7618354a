using Sso.Tests.Support;

namespace Sso.Tests.BackChannelLogout;

/// <summary>
/// The identity server and both real apps, except that Orders' (A's) back-channel logout endpoint
/// cannot be reached: it either hangs (accepts the request and never answers) or is down (nothing
/// listens). One POST may wait <see cref="DeliveryTimeout"/>, far longer than anyone should wait
/// for a sign-out or for the other app to hear of it.
/// </summary>
public abstract class UnreachableAppSystem(bool hangs) : SsoSystem(withApps: true)
{
    public static readonly TimeSpan DeliveryTimeout = TimeSpan.FromSeconds(30);

    private readonly Uri _deadEndpoint = new($"http://localhost:{FreePort.Next()}/signout-backchannel");
    private LogoutReceiver? _hanging;

    public bool Hangs => hangs;

    /// <summary>A's stuck endpoint (null when it is down): what it received, and its release at the end.</summary>
    public LogoutReceiver? HangingEndpoint => _hanging;

    public override async ValueTask InitializeAsync()
    {
        if (hangs)
        {
            _hanging = await LogoutReceiver.StartAsync();
            _hanging.Hang();
        }

        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_hanging is not null)
        {
            await _hanging.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    protected override Uri BackChannelLogoutUriOf(string clientId) =>
        clientId == TestAccounts.ClientA ? _hanging?.Url ?? _deadEndpoint : base.BackChannelLogoutUriOf(clientId);

    protected override void ConfigureServer(IDictionary<string, string?> settings)
    {
        settings["BackChannelLogout:Timeout"] = DeliveryTimeout.ToString();
        settings["BackChannelLogout:FirstRetryDelay"] = "00:00:00.200";
        settings["BackChannelLogout:PollInterval"] = "00:00:00.200";
        settings["BackChannelLogout:MaxAttempts"] = "3";
    }
}

public sealed class HangingAppSystem() : UnreachableAppSystem(hangs: true);

public sealed class DeadAppSystem() : UnreachableAppSystem(hangs: false);
