using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Sso.ClientAppA.Pages.Home;

/// <summary>The public home page: anyone may see it, signed in or not.</summary>
public sealed class HomeModel : PageModel
{
    public bool IsSignedIn => User.Identity?.IsAuthenticated == true;

    public void OnGet()
    {
    }
}
