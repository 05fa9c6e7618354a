using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Sso.IdentityServer.Admin;

namespace Sso.IdentityServer.Clients.AdminPages;

/// <summary>Registers a client (no client id in the route) or changes one, with the same registry and rules as every other path.</summary>
[Authorize(Policy = AdminPolicy.Name)]
public sealed class ClientEditModel(ClientRegistry registry) : PageModel
{
    [BindProperty]
    public ClientForm Input { get; set; } = new();

    public bool IsNew => ExistingClientId is null;

    public string? ExistingClientId { get; private set; }

    /// <summary>Set once the client was stored.</summary>
    public RegisteredClient? Saved { get; private set; }

    public string? NewSecret { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? clientId, CancellationToken cancellationToken)
    {
        ExistingClientId = clientId;
        if (clientId is null)
        {
            Input = new ClientForm { AuthorizationCode = true, Scopes = "openid profile" };
            return Page();
        }

        var client = await registry.FindAsync(clientId, cancellationToken);
        if (client is null)
        {
            return NotFound();
        }

        Input = ClientForm.From(client.Definition);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string? clientId, CancellationToken cancellationToken)
    {
        ExistingClientId = clientId;
        var (client, errors) = Input.ToDefinition(clientId ?? Input.ClientId.Trim());
        foreach (var (field, message) in errors)
        {
            ModelState.AddModelError($"{nameof(Input)}.{field}", message);
        }

        if (client is null)
        {
            return Page();
        }

        try
        {
            var saved = clientId is null
                ? await registry.RegisterAsync(client, ClientSource.AdminPage, ClientPolicy.Operator, cancellationToken: cancellationToken)
                : await registry.UpdateAsync(client, ClientPolicy.Operator, cancellationToken: cancellationToken);
            if (saved is null)
            {
                return NotFound();
            }

            // The answer shows, this once, a secret the client was just given; nothing else keeps it.
            Saved = saved.Client;
            NewSecret = saved.Secret;
            return Page();
        }
        catch (ClientValidationException refused)
        {
            foreach (var error in refused.Errors)
            {
                ModelState.AddModelError($"{nameof(Input)}.{ClientForm.FieldOf(error.Field)}", error.Message);
            }

            return Page();
        }
    }
}
