namespace Sso.IdentityServer.Audit;

/// <summary>What happened. Stored by name, so the list can grow without renumbering.</summary>
public enum AuditEventType
{
    SignInSucceeded = 1,
    SignInFailed = 2,
    SessionStarted = 3,
    SessionEnded = 4,
    UserLocked = 5,
    UserUnlocked = 6,
    PasswordChanged = 7,
    BackChannelLogoutDelivered = 8,
    BackChannelLogoutFailed = 9,
}
