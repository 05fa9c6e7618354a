using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sso.IdentityServer.Admin;

namespace Sso.IdentityServer.Clients.AdminPages;

/// <summary>Every registered client, whichever path registered it.</summary>
[Authorize(Policy = AdminPolicy.Name)]
public sealed class ClientListModel(ClientRegistry registry) : PageModel
{
    public IReadOnlyList<RegisteredClient> Clients { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => Clients = await registry.ListAsync(cancellationToken);
}
