using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sso.RelyingParty.DownstreamApi;
using Sso.RelyingParty.SignIn;

namespace Sso.ClientAppA.Pages.Account;

/// <summary>
/// The signed-in page: who you are, your token's expiry, and your invoices from Billing, fetched
/// with your access token. Visiting it signed out starts the OpenID Connect challenge.
/// </summary>
[Authorize]
public sealed class AccountModel(DownstreamApiClient billing) : PageModel
{
    public SignedInSession Session { get; private set; } = null!;

    public DownstreamApiResult Peer { get; private set; } = null!;

    public string PeerName => billing.Name;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var session = await SignedInSession.ReadAsync(HttpContext);
        if (session is null)
        {
            return Challenge();
        }

        Session = session;
        Peer = await billing.GetAsync(HttpContext, cancellationToken);
        return Page();
    }
}
