using Microsoft.AspNetCore.Authentication;
using OpenIddict.Server.AspNetCore;

namespace Sso.IdentityServer.Protocol;

/// <summary>
/// OAuth error results. Handing them to OpenIddict (rather than writing JSON ourselves) gives each
/// endpoint its standard error shape: a redirect for the authorization endpoint, a JSON body with
/// the right status for the token endpoint, WWW-Authenticate for userinfo.
/// </summary>
public static class ProtocolErrors
{
    public static AuthenticationProperties Properties(string error, string description) =>
        new(new Dictionary<string, string?>
        {
            [OpenIddictServerAspNetCoreConstants.Properties.Error] = error,
            [OpenIddictServerAspNetCoreConstants.Properties.ErrorDescription] = description,
        });

    public static IResult Forbid(string error, string description) =>
        Results.Forbid(Properties(error, description), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);

    public static IResult Challenge(string error, string description) =>
        Results.Challenge(Properties(error, description), [OpenIddictServerAspNetCoreDefaults.AuthenticationScheme]);
}
