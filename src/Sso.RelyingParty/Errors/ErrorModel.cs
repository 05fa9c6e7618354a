using System.Diagnostics;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Sso.RelyingParty.Errors;

/// <summary>
/// The model of each app's error page (the markup is the app's own). Re-executed by the exception
/// handler for any method, so it must not demand an antiforgery token or a sign-in. Shows a
/// reference to find the logged error, never the exception.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    // No handler method: the page renders the same for GET and for a re-executed POST.
    public string RequestId => Activity.Current?.Id ?? HttpContext.TraceIdentifier;
}
