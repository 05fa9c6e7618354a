using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Sso.IdentityServer.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sso.IdentityServer.Protocol;

/// <summary>OpenID Connect UserInfo: the person's claims, only for the scopes they granted.</summary>
public static class UserInfoEndpoint
{
    public static IEndpointRouteBuilder MapUserInfoEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMethods(ProtocolRoutes.UserInfo, [HttpMethods.Get, HttpMethods.Post], GetAsync).DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> GetAsync(HttpContext context, UserManager<SsoUser> users)
    {
        var principal = (await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        if (principal is null)
        {
            return ProtocolErrors.Challenge(Errors.InvalidToken, "The access token is not valid.");
        }

        // Only tokens issued to a person for OpenID Connect carry the openid scope; a
        // client-credentials token has no person behind it and gets nothing here.
        if (!principal.HasScope(Scopes.OpenId))
        {
            return ProtocolErrors.Forbid(Errors.InsufficientScope, "The access token was not granted the openid scope.");
        }

        var user = await users.FindByIdAsync(principal.GetClaim(Claims.Subject) ?? "");
        if (user is null)
        {
            return ProtocolErrors.Challenge(Errors.InvalidToken, "The user of this token no longer exists.");
        }

        var claims = new Dictionary<string, object>(StringComparer.Ordinal) { [Claims.Subject] = user.Id };
        if (principal.HasScope(Scopes.Profile))
        {
            claims[Claims.Name] = user.DisplayName ?? user.UserName ?? "";
            claims[Claims.PreferredUsername] = user.UserName ?? "";
        }

        if (principal.HasScope(Scopes.Email) && user.Email is not null)
        {
            claims[Claims.Email] = user.Email;
            claims[Claims.EmailVerified] = user.EmailConfirmed;
        }

        if (principal.HasScope(Scopes.Roles))
        {
            claims[Claims.Role] = await users.GetRolesAsync(user);
        }

        return Results.Ok(claims);
    }
}
