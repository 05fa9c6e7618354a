using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using Sso.IdentityServer.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sso.IdentityServer.Protocol;

/// <summary>Builds the principals OpenIddict turns into tokens, for people and for services.</summary>
public sealed class TokenPrincipalFactory(UserManager<SsoUser> users, IOpenIddictScopeManager scopes)
{
    /// <summary>A new principal for a person who has just authorized a client.</summary>
    public async Task<ClaimsPrincipal> CreateForUserAsync(
        SsoUser user, IEnumerable<string> grantedScopes, DateTimeOffset authenticatedAt, string sessionId, CancellationToken cancellationToken)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.AuthenticationTime, authenticatedAt.ToUnixTimeSeconds());
        identity.SetClaim(SsoClaimTypes.SessionId, sessionId);
        identity.SetScopes(grantedScopes);
        identity.SetResources(await ResourcesOfAsync(identity.GetScopes(), cancellationToken));
        await RefreshUserClaimsAsync(identity, user);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>
    /// The principal for tokens issued from a code or refresh token: OpenIddict's own claims are
    /// kept (authorization, scopes, resources), the person's claims are read again in case they
    /// changed since the grant.
    /// </summary>
    public async Task<ClaimsPrincipal> RenewForUserAsync(ClaimsPrincipal granted, SsoUser user)
    {
        var identity = new ClaimsIdentity(granted.Claims, TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        await RefreshUserClaimsAsync(identity, user);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>A principal for a service acting on its own behalf (client credentials): no person, no personal data.</summary>
    public async Task<ClaimsPrincipal> CreateForClientAsync(string clientId, IEnumerable<string> grantedScopes, CancellationToken cancellationToken)
    {
        var identity = new ClaimsIdentity(TokenValidationParameters.DefaultAuthenticationType, Claims.Name, Claims.Role);
        identity.SetClaim(Claims.Subject, clientId);
        identity.SetScopes(grantedScopes);
        identity.SetResources(await ResourcesOfAsync(identity.GetScopes(), cancellationToken));
        identity.SetDestinations(ClaimDestinations.For);
        return new ClaimsPrincipal(identity);
    }

    private async Task RefreshUserClaimsAsync(ClaimsIdentity identity, SsoUser user)
    {
        identity.SetClaim(Claims.Subject, user.Id)
            .SetClaim(Claims.Name, user.DisplayName ?? user.UserName)
            .SetClaim(Claims.PreferredUsername, user.UserName)
            .SetClaim(Claims.Email, user.Email)
            .SetClaim(Claims.EmailVerified, user.Email is null ? null : user.EmailConfirmed)
            .SetClaim(SsoClaimTypes.SecurityStamp, await users.GetSecurityStampAsync(user))
            .SetClaims(Claims.Role, [.. await users.GetRolesAsync(user)]);
        identity.SetDestinations(ClaimDestinations.For);
    }

    private async Task<List<string>> ResourcesOfAsync(IEnumerable<string> grantedScopes, CancellationToken cancellationToken)
    {
        var resources = new List<string>();
        await foreach (var resource in scopes.ListResourcesAsync([.. grantedScopes], cancellationToken))
        {
            resources.Add(resource);
        }

        return resources;
    }
}
