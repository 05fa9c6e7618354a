using Microsoft.AspNetCore.Identity;
using Sso.IdentityServer.Accounts;
using Sso.IdentityServer.Audit;
using Sso.IdentityServer.Sessions;

namespace Sso.IdentityServer.Admin;

/// <summary>
/// Banning an account: a lockout that never ends, so the sign-in page refuses it (with the same
/// message as a wrong password) and the token endpoint refuses its refresh tokens; a new security
/// stamp, so anything issued before is stale; and every session and token ended now, so the ban
/// does not wait for tokens to expire. Unbanning lifts the lockout only: the person signs in anew.
/// </summary>
public sealed class UserBan(UserManager<SsoUser> users, AccountRevocation revocation, AuditTrail audit, ILogger<UserBan> logger)
{
    public async Task BanAsync(SsoUser user, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        Ensure(await users.SetLockoutEnabledAsync(user, true));
        Ensure(await users.SetLockoutEndDateAsync(user, DateTimeOffset.MaxValue));
        // Recorded in the same save as the new stamp: the trail never shows a ban that did not happen.
        audit.Add(AuditEventType.UserLocked, user.Id, user.UserName, actor: actor);
        Ensure(await users.UpdateSecurityStampAsync(user));
        await revocation.RevokeEverythingAsync(user.Id, SessionEndReason.UserLocked, actor, cancellationToken);
        logger.LogWarning("User {UserId} was banned by {Actor}", user.Id, actor);
    }

    public async Task UnbanAsync(SsoUser user, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (await users.GetLockoutEnabledAsync(user))
        {
            Ensure(await users.SetLockoutEndDateAsync(user, null));
        }

        Ensure(await users.ResetAccessFailedCountAsync(user));
        await audit.RecordAsync(AuditEventType.UserUnlocked, user.Id, user.UserName, actor: actor, cancellationToken: cancellationToken);
        logger.LogWarning("User {UserId} was unbanned by {Actor}", user.Id, actor);
    }

    private static void Ensure(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", result.Errors.Select(error => error.Description)));
        }
    }
}
