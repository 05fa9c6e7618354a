using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Sso.RelyingParty.SignIn;

/// <summary>
/// The model of each app's sign-in-failed page (the markup is the app's own): where failed or
/// refused sign-ins land instead of an exception page. Only a fixed reason word is read from the
/// URL; nothing from it is echoed back.
/// </summary>
[AllowAnonymous]
public sealed class SignInFailedModel : PageModel
{
    [BindProperty(SupportsGet = true, Name = "reason")]
    public string? Reason { get; set; }

    // No handler method: a GET renders the page.
    public bool WasDenied => Reason == "access_denied";
}
