using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Sso.IdentityServer.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sso.IdentityServer.Protocol;

/// <summary>
/// RP-initiated logout. OpenIddict has validated the id_token_hint and the post-logout redirect URI
/// (registered for the client the hint names) before this runs. A valid hint for the signed-in
/// person proves the request came from an app they use, so we sign out at once; otherwise the person
/// confirms with a POST carrying our antiforgery token, so a cross-site link cannot sign anyone out.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken] // checked below, unless a valid id_token_hint vouches for the request
public sealed class EndSessionModel(SignInManager<SsoUser> signIn, IAntiforgery antiforgery) : PageModel
{
    public IReadOnlyList<KeyValuePair<string, string>> FormFields { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync()
    {
        if (await IsVouchedForByHintAsync())
        {
            return await SignOutEverywhereAsync();
        }

        FormFields = RequestParameters.Of(Request);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!await IsVouchedForByHintAsync() && !await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return BadRequest();
        }

        return await SignOutEverywhereAsync();
    }

    private async Task<bool> IsVouchedForByHintAsync()
    {
        var hint = (await HttpContext.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        if (hint is null)
        {
            return false;
        }

        // Someone else's ID token must not sign this person out without asking.
        var session = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var signedIn = session.Principal?.FindFirst(Claims.Subject)?.Value;
        return signedIn is null || signedIn == hint.GetClaim(Claims.Subject);
    }

    private async Task<IActionResult> SignOutEverywhereAsync()
    {
        await signIn.SignOutAsync();

        // OpenIddict redirects to the validated post_logout_redirect_uri with the client's state,
        // or to our home page when the client gave none.
        return SignOut(new AuthenticationProperties { RedirectUri = "/" }, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }
}
