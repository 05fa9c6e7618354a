using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sso.IdentityServer.Accounts;
using Sso.IdentityServer.Protocol;
using Sso.IdentityServer.Sessions;

namespace Sso.IdentityServer.MyAccount;

/// <summary>
/// The person's own account page: their live sessions, each of which they can end, and "sign out
/// everywhere". Only the signed-in person's sessions are ever listed or ended: the session id
/// posted back is looked up together with their user id, so someone else's id does nothing.
/// </summary>
[Authorize]
public sealed class AccountModel(UserManager<SsoUser> users, SignInManager<SsoUser> signIn, UserSessions sessions, SessionViews views)
    : PageModel
{
    public const string SessionEndedNotice = "That session was signed out. Its apps will ask for the password again.";
    public const string SessionNotFoundNotice = "That session is not one of yours, or it has ended already.";

    /// <summary>A message from the POST before the redirect (kept in TempData, so a link cannot fake it).</summary>
    [TempData]
    public string? Notice { get; set; }

    public string UserName { get; private set; } = "";

    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    public SessionTable SessionTable => new(Sessions, "Sign out this session");

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }

        UserName = user.DisplayName ?? user.UserName ?? "";
        Sessions = await views.ForUserAsync(user.Id, CurrentSessionId, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostEndSessionAsync(string? sessionId, CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User);
        if (userId is null)
        {
            return Challenge();
        }

        if (string.IsNullOrEmpty(sessionId)
            || !await sessions.EndAsync(userId, sessionId, SessionEndReason.EndedByUser, actor: null, cancellationToken))
        {
            Notice = SessionNotFoundNotice;
            return RedirectToPage();
        }

        if (sessionId == CurrentSessionId)
        {
            // This browser's own session: it is gone, so drop the cookie too.
            await signIn.SignOutAsync();
            return Redirect(AccountRoutes.Login);
        }

        Notice = SessionEndedNotice;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync(CancellationToken cancellationToken)
    {
        var userId = users.GetUserId(User);
        if (userId is null)
        {
            return Challenge();
        }

        await sessions.EndAllAsync(userId, SessionEndReason.EndedByUser, actor: null, keepSessionId: null, cancellationToken);
        await signIn.SignOutAsync();
        return Redirect(AccountRoutes.Login);
    }

    private string? CurrentSessionId => User.FindFirst(SsoClaimTypes.SessionId)?.Value;
}
