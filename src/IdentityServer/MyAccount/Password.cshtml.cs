using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Sso.IdentityServer.Accounts;
using Sso.IdentityServer.Audit;
using Sso.IdentityServer.Sessions;

namespace Sso.IdentityServer.MyAccount;

/// <summary>
/// Changing one's password. A new password means whoever had the old one must lose access: every
/// session ends (this one too), every token the apps hold is revoked, and then this browser gets
/// a fresh session so the person who just proved the password stays signed in here.
/// </summary>
[Authorize]
public sealed class PasswordModel(
    UserManager<SsoUser> users,
    SessionSignIn sessionSignIn,
    AccountRevocation revocation,
    AuditTrail audit,
    IOptions<AccountOptions> options,
    ILogger<PasswordModel> logger) : PageModel
{
    public const string ChangedNotice = "Your password was changed. Every other session was signed out; sign in again there with the new password.";
    public const string WrongPasswordMessage = "This is not your current password.";
    public const string LockedOutMessage = "Too many wrong passwords. Wait a little and try again.";

    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public int MinimumLength => options.Value.MinimumPasswordLength;

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        // Guessing the current password here counts towards lockout, as it does at sign-in, so a
        // borrowed session cannot be used to try passwords without limit.
        if (await users.IsLockedOutAsync(user))
        {
            ModelState.AddModelError(FieldName(nameof(PasswordInput.CurrentPassword)), LockedOutMessage);
            return Page();
        }

        var result = await users.ChangePasswordAsync(user, Input.CurrentPassword, Input.NewPassword);
        if (!result.Succeeded)
        {
            await ShowErrorsAsync(user, result);
            return Page();
        }

        await users.ResetAccessFailedCountAsync(user);
        // ChangePasswordAsync gave the account a new security stamp; now end what the old password opened.
        await revocation.RevokeEverythingAsync(user.Id, SessionEndReason.PasswordChanged, actor: null, cancellationToken);
        await audit.RecordAsync(AuditEventType.PasswordChanged, user.Id, user.UserName, cancellationToken: cancellationToken);
        logger.LogInformation("User {UserId} changed their password; all sessions ended", user.Id);

        // The person just proved the password: a fresh session (new id and key) for this browser.
        await sessionSignIn.StartNewSessionAsync(HttpContext, user, SessionEndReason.PasswordChanged);
        TempData[nameof(AccountModel.Notice)] = ChangedNotice;
        return Redirect(MyAccountRoutes.Overview);
    }

    private async Task ShowErrorsAsync(SsoUser user, IdentityResult result)
    {
        var describer = new IdentityErrorDescriber();
        foreach (var error in result.Errors)
        {
            if (error.Code == describer.PasswordMismatch().Code)
            {
                await users.AccessFailedAsync(user);
                ModelState.AddModelError(FieldName(nameof(PasswordInput.CurrentPassword)), WrongPasswordMessage);
            }
            else
            {
                // Identity's password rules (length, and any added later) are about the new password.
                var field = error.Code.StartsWith("Password", StringComparison.Ordinal) ? nameof(PasswordInput.NewPassword) : null;
                ModelState.AddModelError(field is null ? "" : FieldName(field), error.Description);
            }
        }
    }

    private static string FieldName(string property) => $"{nameof(Input)}.{property}";
}
