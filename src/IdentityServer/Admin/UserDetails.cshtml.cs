using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sso.IdentityServer.Accounts;
using Sso.IdentityServer.MyAccount;
using Sso.IdentityServer.Protocol;
using Sso.IdentityServer.Sessions;

namespace Sso.IdentityServer.Admin;

/// <summary>
/// One account as an admin sees it: its facts, its live sessions, and what an admin can do about
/// them (end a session, end them all, ban, unban). Every action is recorded with the admin's user
/// name as the actor.
/// </summary>
[Authorize(Policy = AdminPolicy.Name)]
public sealed class UserDetailsModel(
    UserManager<SsoUser> users,
    UserSessions sessions,
    SessionViews views,
    UserBan ban,
    TimeProvider time) : PageModel
{
    public const string CannotBanYourselfNotice = "You cannot ban your own account: ask another admin.";
    public const string SessionNotFoundNotice = "That session has ended already.";

    [TempData]
    public string? Notice { get; set; }

    public SsoUser Person { get; private set; } = new();

    public LockoutState State { get; private set; }

    public bool IsYou { get; private set; }

    public IReadOnlyList<SessionView> Sessions { get; private set; } = [];

    public SessionTable SessionTable => new(Sessions, "End session");

    public string AuditUrl => $"{AdminRoutes.Audit}?user={Uri.EscapeDataString(Person.Id)}";

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } person)
        {
            return NotFound();
        }

        Person = person;
        State = LockoutState.Of(person, time.GetUtcNow());
        IsYou = person.Id == users.GetUserId(User);
        Sessions = await views.ForUserAsync(person.Id, User.FindFirst(SsoClaimTypes.SessionId)?.Value, cancellationToken);
        return Page();
    }

    public async Task<IActionResult> OnPostEndSessionAsync(string id, string? sessionId, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } person)
        {
            return NotFound();
        }

        var ended = !string.IsNullOrEmpty(sessionId)
            && await sessions.EndAsync(person.Id, sessionId, SessionEndReason.EndedByAdmin, Actor, cancellationToken);
        Notice = ended ? "The session was ended; its apps were told." : SessionNotFoundNotice;
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostEndAllAsync(string id, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } person)
        {
            return NotFound();
        }

        var count = await sessions.EndAllAsync(person.Id, SessionEndReason.EndedByAdmin, Actor, keepSessionId: null, cancellationToken);
        Notice = $"{count} session(s) ended.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostLockAsync(string id, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } person)
        {
            return NotFound();
        }

        // An admin who bans themselves by mistake has no way back in to undo it.
        if (person.Id == users.GetUserId(User))
        {
            Notice = CannotBanYourselfNotice;
            return RedirectToPage(new { id });
        }

        await ban.BanAsync(person, Actor, cancellationToken);
        Notice = $"{person.UserName} is banned: signed out everywhere, tokens revoked, sign-in refused.";
        return RedirectToPage(new { id });
    }

    public async Task<IActionResult> OnPostUnlockAsync(string id, CancellationToken cancellationToken)
    {
        if (await users.FindByIdAsync(id) is not { } person)
        {
            return NotFound();
        }

        await ban.UnbanAsync(person, Actor, cancellationToken);
        Notice = $"{person.UserName} can sign in again.";
        return RedirectToPage(new { id });
    }

    private string Actor => User.Identity?.Name ?? users.GetUserId(User) ?? "admin";
}
