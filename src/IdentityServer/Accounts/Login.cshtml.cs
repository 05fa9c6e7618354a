using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sso.IdentityServer.Audit;
using Sso.IdentityServer.Observability;

namespace Sso.IdentityServer.Accounts;

/// <summary>
/// The sign-in page. Unknown user, wrong password and locked account all get the same message and
/// take the same time, so the page tells an attacker nothing about which accounts exist.
/// </summary>
[AllowAnonymous]
public sealed class LoginModel(
    UserManager<SsoUser> users,
    SignInManager<SsoUser> signIn,
    TimingSafePasswordCheck timingSafe,
    AuditTrail audit,
    ServerMetrics metrics,
    TimeProvider time,
    ILogger<LoginModel> logger) : PageModel
{
    public const string FailureMessage = "The user name or password is incorrect, or the account is locked.";

    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public string? Failure { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!ModelState.IsValid)
        {
            return Page();
        }

        var user = await users.FindByNameAsync(Input.UserName);
        if (user is null)
        {
            timingSafe.SpendTimeOfAFailedCheck(Input.Password);
        }
        else
        {
            // Counts failures towards lockout, and re-hashes an old-format password on success.
            var result = await signIn.CheckPasswordSignInAsync(user, Input.Password, lockoutOnFailure: true);
            if (result.Succeeded)
            {
                // A new session, with a new id and key, at every sign-in (no session fixation); a
                // session this browser already had ends (DatabaseTicketStore). auth_time feeds
                // max_age and the ID token.
                await signIn.SignInWithClaimsAsync(user, new AuthenticationProperties { IsPersistent = false },
                    [AuthenticationTimeClaim.Create(time.GetUtcNow())]);
                await audit.RecordAsync(AuditEventType.SignInSucceeded, user.Id, user.UserName);
                metrics.SignIn(succeeded: true);
                logger.LogInformation("User {UserId} signed in", user.Id);
                return LocalRedirect(SafeReturnUrl());
            }

            logger.LogInformation("Sign-in failed for user {UserId} (locked out: {LockedOut})", user.Id, result.IsLockedOut);
        }

        await audit.RecordAsync(AuditEventType.SignInFailed, user?.Id, Input.UserName,
            detail: user is null ? "Unknown user name." : "Wrong password or locked account.");
        metrics.SignIn(succeeded: false);
        Failure = FailureMessage;
        return Page();
    }

    // Only paths on this site: refuses https://evil, //evil, /\evil and javascript: alike.
    private string SafeReturnUrl() => Url.IsLocalUrl(ReturnUrl) ? ReturnUrl! : "/";
}
