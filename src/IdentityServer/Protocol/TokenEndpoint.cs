using System.Security.Claims;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Sso.IdentityServer.Accounts;
using Sso.IdentityServer.Clients;
using Sso.IdentityServer.Sessions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sso.IdentityServer.Protocol;

/// <summary>
/// The token endpoint's decisions that OpenIddict cannot make alone. OpenIddict has already checked
/// the client, its secret, PKCE, the code or refresh token (and revoked the chain on replay) when
/// this runs; here we check that the person may still have tokens and enforce the absolute session
/// lifetime.
/// </summary>
public static class TokenEndpoint
{
    public static IEndpointRouteBuilder MapTokenEndpoint(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(ProtocolRoutes.Token, ExchangeAsync).DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> ExchangeAsync(
        HttpContext context,
        UserManager<SsoUser> users,
        SignInManager<SsoUser> signIn,
        TokenPrincipalFactory principals,
        UserSessions sessions,
        IOptions<TokenLifetimeOptions> lifetimes,
        IOpenIddictApplicationManager applications,
        TimeProvider time)
    {
        var request = context.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");

        if (request.IsClientCredentialsGrantType())
        {
            var principal = await principals.CreateForClientAsync(request.ClientId!, request.GetScopes(), context.RequestAborted);
            return Results.SignIn(principal, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        }

        if (!request.IsAuthorizationCodeGrantType() && !request.IsRefreshTokenGrantType())
        {
            return ProtocolErrors.Forbid(Errors.UnsupportedGrantType, "The grant type is not supported.");
        }

        var granted = (await context.AuthenticateAsync(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme)).Principal;
        var user = granted?.GetClaim(Claims.Subject) is { } subject ? await users.FindByIdAsync(subject) : null;
        if (granted is null || user is null)
        {
            return ProtocolErrors.Forbid(Errors.InvalidGrant, "The token is no longer valid.");
        }

        // A ban, a lockout or a password change since the grant ends the right to new tokens.
        if (!await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user)
            || granted.GetClaim(SsoClaimTypes.SecurityStamp) != await users.GetSecurityStampAsync(user))
        {
            return ProtocolErrors.Forbid(Errors.InvalidGrant, "The user is no longer allowed to sign in.");
        }

        // Tokens live as long as the sign-on session they came from; a refresh also counts as
        // activity in it, so someone busy in an app is not timed out at the identity server.
        if (granted.GetClaim(SsoClaimTypes.SessionId) is { } sessionId && !await sessions.TouchAsync(sessionId, context.RequestAborted))
        {
            return ProtocolErrors.Forbid(Errors.InvalidGrant, "The sign-on session has ended; sign in again.");
        }

        var remaining = SessionRemaining(granted, lifetimes.Value, time.GetUtcNow());
        if (remaining <= TimeSpan.Zero)
        {
            return ProtocolErrors.Forbid(Errors.InvalidGrant, "The session has reached its maximum lifetime; sign in again.");
        }

        var renewed = await principals.RenewForUserAsync(granted, user);
        var sliding = await ClientRefreshTokenLifetime.FindAsync(applications, request.ClientId, context.RequestAborted)
                      ?? lifetimes.Value.RefreshTokenSliding;
        renewed.SetRefreshTokenLifetime(remaining < sliding ? remaining : sliding);
        return Results.SignIn(renewed, authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    // The absolute limit counts from the sign-in, not from the last refresh.
    private static TimeSpan SessionRemaining(ClaimsPrincipal granted, TokenLifetimeOptions lifetimes, DateTimeOffset now)
    {
        var authTime = AuthenticationTimeClaim.Read(granted) ?? granted.GetCreationDate() ?? now;
        return authTime + lifetimes.RefreshTokenAbsolute - now;
    }
}
