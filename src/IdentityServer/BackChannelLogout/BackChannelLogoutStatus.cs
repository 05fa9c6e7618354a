namespace Sso.IdentityServer.BackChannelLogout;

public enum BackChannelLogoutStatus
{
    /// <summary>Not delivered yet; tried again at NextAttemptAt.</summary>
    Pending = 1,

    /// <summary>The app answered 200.</summary>
    Delivered = 2,

    /// <summary>Every attempt failed; the app's session ends only when its tokens do.</summary>
    Failed = 3,
}
