using OpenIddict.Abstractions;
using Sso.IdentityServer.BackChannelLogout;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sso.IdentityServer.Seeding;

/// <summary>
/// Turns a declared client into OpenIddict's descriptor, granting only what it needs: the endpoints
/// of its grant types, those grant types, its scopes, and PKCE as a requirement for every client.
/// </summary>
public static class ClientDescriptors
{
    public static void Describe(SeedClient client, OpenIddictApplicationDescriptor descriptor, bool keepStoredSecret)
    {
        descriptor.ClientId = client.ClientId;
        descriptor.DisplayName = client.DisplayName ?? client.ClientId;
        descriptor.ClientType = client.ClientSecret is null ? ClientTypes.Public : ClientTypes.Confidential;
        if (!keepStoredSecret)
        {
            descriptor.ClientSecret = client.ClientSecret;
        }

        descriptor.ConsentType = client.ConsentType;
        descriptor.RedirectUris.Clear();
        descriptor.RedirectUris.UnionWith(client.RedirectUris.Select(uri => new Uri(uri, UriKind.Absolute)));
        descriptor.PostLogoutRedirectUris.Clear();
        descriptor.PostLogoutRedirectUris.UnionWith(client.PostLogoutRedirectUris.Select(uri => new Uri(uri, UriKind.Absolute)));

        BackChannelLogoutUris.Set(descriptor, client.BackChannelLogoutUri);

        descriptor.Permissions.Clear();
        var interactive = client.GrantTypes.Contains(GrantTypes.AuthorizationCode);
        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        descriptor.Permissions.Add(Permissions.Endpoints.Revocation);
        if (client.ClientSecret is not null)
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Introspection);
        }

        if (interactive)
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Authorization);
            descriptor.Permissions.Add(Permissions.Endpoints.EndSession);
            descriptor.Permissions.Add(Permissions.ResponseTypes.Code);
        }

        descriptor.Permissions.UnionWith(client.GrantTypes.Select(grant => Permissions.Prefixes.GrantType + grant));
        descriptor.Permissions.UnionWith(client.Scopes
            .Where(scope => scope != Scopes.OpenId)
            .Select(scope => Permissions.Prefixes.Scope + scope));

        descriptor.Requirements.Clear();
        descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);
    }
}
