using Sso.IdentityServer.Accounts;

namespace Sso.IdentityServer.Admin;

/// <summary>
/// Whether an account can sign in, as an admin reads it. A ban is a lockout that never ends
/// (<see cref="DateTimeOffset.MaxValue"/>); a lockout after failed sign-ins ends by itself.
/// </summary>
public readonly record struct LockoutState(bool IsBanned, DateTimeOffset? LockedUntil)
{
    /// <summary>Lockouts further away than this are bans, whoever set them.</summary>
    private static readonly TimeSpan BanHorizon = TimeSpan.FromDays(365 * 100);

    public static LockoutState Active => default;

    public bool IsLocked => IsBanned || LockedUntil is not null;

    public static LockoutState Of(SsoUser user, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(user);
        return Of(user.LockoutEnabled, user.LockoutEnd, now);
    }

    public static LockoutState Of(bool lockoutEnabled, DateTimeOffset? lockoutEnd, DateTimeOffset now) =>
        !lockoutEnabled || lockoutEnd is not { } end || end <= now ? Active
        : end - now > BanHorizon ? new LockoutState(IsBanned: true, LockedUntil: null)
        : new LockoutState(IsBanned: false, LockedUntil: end);

    public override string ToString() =>
        IsBanned ? "Banned"
        : LockedUntil is { } until ? $"Locked until {until.ToUniversalTime():yyyy-MM-dd HH:mm} UTC"
        : "Active";
}
