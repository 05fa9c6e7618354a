namespace Sso.IdentityServer.Sessions;

/// <summary>Why a session ended; recorded in the audit trail.</summary>
public enum SessionEndReason
{
    SignedOut = 1,
    SignedInAgain = 2,
    TimedOut = 3,
    EndedByUser = 4,
    EndedByAdmin = 5,
    UserLocked = 6,
    PasswordChanged = 7,
}
