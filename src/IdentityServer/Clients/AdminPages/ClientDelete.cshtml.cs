using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sso.IdentityServer.Admin;

namespace Sso.IdentityServer.Clients.AdminPages;

/// <summary>Asks before deleting: the client's tokens and authorizations go with it, and its users are signed out of it.</summary>
[Authorize(Policy = AdminPolicy.Name)]
public sealed class ClientDeleteModel(ClientRegistry registry) : PageModel
{
    public RegisteredClient? Client { get; private set; }

    public async Task<IActionResult> OnGetAsync(string clientId, CancellationToken cancellationToken)
    {
        Client = await registry.FindAsync(clientId, cancellationToken);
        return Client is null ? NotFound() : Page();
    }

    public async Task<IActionResult> OnPostAsync(string clientId, CancellationToken cancellationToken) =>
        await registry.DeleteAsync(clientId, cancellationToken)
            ? LocalRedirect(ClientPageRoutes.List)
            : NotFound();
}
