using OpenIddict.Abstractions;
using Sso.IdentityServer.Sessions;

namespace Sso.IdentityServer.Accounts;

/// <summary>
/// Takes away every way in a person still has: all their sessions here (each app is told by
/// back-channel logout) and every authorization and token the apps hold for them. Used when the
/// password changes or an admin bans the account: whoever had the old password, or a stolen
/// refresh token, must not keep access (SECURITY.md, "password change and account lock revoke
/// refresh tokens").
/// </summary>
public sealed class AccountRevocation(UserSessions sessions, IOpenIddictAuthorizationManager authorizations, IOpenIddictTokenManager tokens)
{
    public async Task RevokeEverythingAsync(string userId, SessionEndReason reason, string? actor, CancellationToken cancellationToken)
    {
        await sessions.EndAllAsync(userId, reason, actor, keepSessionId: null, cancellationToken);

        // Ending a session revokes what was issued through it; this also catches remembered
        // consents and anything issued outside a session that is still live.
        await authorizations.RevokeBySubjectAsync(userId, cancellationToken);
        await tokens.RevokeBySubjectAsync(userId, cancellationToken);
    }
}
