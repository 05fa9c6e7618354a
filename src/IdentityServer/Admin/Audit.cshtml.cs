using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Sso.IdentityServer.Audit;
using Sso.IdentityServer.Data;

namespace Sso.IdentityServer.Admin;

/// <summary>The audit trail, newest first, filtered by type, user and day, a page at a time.</summary>
[Authorize(Policy = AdminPolicy.Name)]
public sealed class AuditModel(SsoDbContext db) : PageModel
{
    public const int PageSize = 50;

    /// <summary>Bound from the plain query names (type, user, from, to, before), so links stay short.</summary>
    [BindProperty(SupportsGet = true)]
    public AuditFilter Filter { get; set; } = new();

    public IReadOnlyList<AuditEvent> Events { get; private set; } = [];

    public string? OlderUrl { get; private set; }

    public static IReadOnlyList<AuditEventType> Types { get; } = Enum.GetValues<AuditEventType>();

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return;
        }

        var page = await Filter.Apply(db.AuditEvents.AsNoTracking()).Take(PageSize + 1).ToListAsync(cancellationToken);
        Events = [.. page.Take(PageSize)];
        OlderUrl = page.Count > PageSize
            ? QueryHelpers.AddQueryString(AdminRoutes.Audit, Filter.WithBefore(Events[^1].Id).Where(pair => !string.IsNullOrEmpty(pair.Value)))
            : null;
    }
}
