using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using Sso.IdentityServer.Accounts;

namespace Sso.IdentityServer.Admin;

/// <summary>Finding people by user name, email or display name, a page of results at a time.</summary>
[Authorize(Policy = AdminPolicy.Name)]
public sealed class UsersModel(UserManager<SsoUser> users, TimeProvider time) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "q")]
    [StringLength(256)]
    public string? Query { get; set; }

    /// <summary>1-based; "page" itself is taken by Razor Pages' routing.</summary>
    [BindProperty(SupportsGet = true, Name = "p")]
    [Range(1, 100_000)]
    public int PageNumber { get; set; } = 1;

    public IReadOnlyList<UserSummary> Found { get; private set; } = [];

    public string? NextPageUrl { get; private set; }

    public string? PreviousPageUrl { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        if (!ModelState.IsValid)
        {
            return;
        }

        // One more than a page tells whether there is a next page without counting them all.
        var rows = await Matching(Query?.Trim())
            .OrderBy(user => user.NormalizedUserName)
            .Skip((PageNumber - 1) * PageSize)
            .Take(PageSize + 1)
            .Select(user => new { user.Id, user.UserName, user.DisplayName, user.Email, user.LockoutEnabled, user.LockoutEnd })
            .ToListAsync(cancellationToken);

        var now = time.GetUtcNow();
        Found = [.. rows.Take(PageSize).Select(row => new UserSummary(row.Id, row.UserName, row.DisplayName, row.Email,
            LockoutState.Of(row.LockoutEnabled, row.LockoutEnd, now)))];
        NextPageUrl = rows.Count > PageSize ? PageUrl(PageNumber + 1) : null;
        PreviousPageUrl = PageNumber > 1 ? PageUrl(PageNumber - 1) : null;
    }

    // Case-insensitive "contains" that the database can run: user names and emails through the
    // upper-case forms Identity already stores (and indexes), display names through UPPER().
    [SuppressMessage("Performance", "CA1862", Justification = "EF Core turns ToUpper().Contains() into SQL; a StringComparison overload would not translate.")]
    private IQueryable<SsoUser> Matching(string? term)
    {
        var all = users.Users.AsNoTracking();
        if (string.IsNullOrEmpty(term))
        {
            return all;
        }

        var name = users.NormalizeName(term) ?? term;
        var email = users.NormalizeEmail(term) ?? term;
        var display = term.ToUpperInvariant();
        return all.Where(user => (user.NormalizedUserName != null && user.NormalizedUserName.Contains(name))
                                 || (user.NormalizedEmail != null && user.NormalizedEmail.Contains(email))
                                 || (user.DisplayName != null && user.DisplayName.ToUpper().Contains(display)));
    }

    private string PageUrl(int page) => QueryHelpers.AddQueryString(AdminRoutes.Users, new Dictionary<string, string?>
    {
        ["q"] = Query,
        ["p"] = page.ToString(System.Globalization.CultureInfo.InvariantCulture),
    }.Where(pair => !string.IsNullOrEmpty(pair.Value)));
}
