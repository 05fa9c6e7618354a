using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sso.RelyingParty.DownstreamApi;
using Sso.RelyingParty.SignIn;

namespace Sso.ClientAppB.Pages.Account;

/// <summary>
/// The signed-in page: who you are, your token's expiry, and your orders from the Orders app, fetched
/// with your access token. Visiting it signed out starts the OpenID Connect challenge.
/// </summary>
[Authorize]
public sealed class AccountModel(DownstreamApiClient orders) : PageModel
{
    public SignedInSession Session { get; private set; } = null!;

    public DownstreamApiResult Peer { get; private set; } = null!;

    public string PeerName => orders.Name;

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        var session = await SignedInSession.ReadAsync(HttpContext);
        if (session is null)
        {
            return Challenge();
        }

        Session = session;
        Peer = await orders.GetAsync(HttpContext, cancellationToken);
        return Page();
    }
}
