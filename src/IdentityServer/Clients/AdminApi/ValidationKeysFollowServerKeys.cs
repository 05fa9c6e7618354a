using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;
using OpenIddict.Server;
using OpenIddict.Validation;
using Sso.IdentityServer.Keys;

namespace Sso.IdentityServer.Clients.AdminApi;

/// <summary>Signals OpenIddict's validation options to rebuild (re-reading the server's keys) whenever the key ring changes.</summary>
public sealed class ValidationKeysFollowServerKeys(ServerKeyRing ring) : IOptionsChangeTokenSource<OpenIddictValidationOptions>
{
    public string? Name => Options.DefaultName;

    public IChangeToken GetChangeToken() => ((IOptionsChangeTokenSource<OpenIddictServerOptions>)ring).GetChangeToken();
}
