using System.Security.Claims;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sso.IdentityServer.Protocol;

/// <summary>
/// Which claim goes into which token. Anyone holding a JWT can read its payload, so access tokens
/// carry only what the APIs need (subject, roles); personal data goes to the client in the ID token
/// and only for the scopes the person granted. Claims with no destination (security stamp, OpenIddict's
/// own) stay inside the encrypted authorization codes and refresh tokens.
/// </summary>
public static class ClaimDestinations
{
    public static IEnumerable<string> For(Claim claim)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var principal = claim.Subject ?? throw new InvalidOperationException("The claim is not attached to an identity.");
        switch (claim.Type)
        {
            case Claims.Subject:
                yield return Destinations.AccessToken;
                yield return Destinations.IdentityToken;
                break;

            case Claims.Name or Claims.PreferredUsername when principal.HasScope(Scopes.Profile):
                yield return Destinations.IdentityToken;
                break;

            case Claims.Email or Claims.EmailVerified when principal.HasScope(Scopes.Email):
                yield return Destinations.IdentityToken;
                break;

            case Claims.Role when principal.HasScope(Scopes.Roles):
                yield return Destinations.AccessToken;
                yield return Destinations.IdentityToken;
                break;

            case Claims.AuthenticationTime or SsoClaimTypes.SessionId:
                yield return Destinations.IdentityToken;
                break;
        }
    }
}
