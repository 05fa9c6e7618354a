namespace Sso.IdentityServer.Throttling;

/// <summary>
/// At most <see cref="PermitLimit"/> requests per <see cref="Window"/> (a fixed window) for one
/// partition: one client address, one account or one client.
/// </summary>
public sealed class ThrottleLimit
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }

    public ThrottleLimit()
    {
    }

    public ThrottleLimit(int permitLimit, TimeSpan window)
    {
        PermitLimit = permitLimit;
        Window = window;
    }
}
