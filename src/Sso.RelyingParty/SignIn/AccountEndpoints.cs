using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Sso.RelyingParty.SignIn;

/// <summary>The sign-in and sign-out endpoints every relying app shares.</summary>
public static class AccountEndpoints
{
    /// <summary>
    /// Maps GET <see cref="SsoPaths.SignIn"/> (starts the challenge) and POST
    /// <see cref="SsoPaths.SignOut"/> (local sign-out, then RP-initiated logout at the server).
    /// </summary>
    public static IEndpointRouteBuilder MapSsoAccountEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);

        // A GET is enough to start a sign-in: state, nonce and PKCE bind the response to this
        // browser, so a forged link can at most make someone sign in as themselves.
        endpoints.MapGet(SsoPaths.SignIn, (string? returnUrl) => Results.Challenge(
                new AuthenticationProperties { RedirectUri = LocalReturnUrl.OrDefault(returnUrl, SsoPaths.Home) },
                [OpenIdConnectDefaults.AuthenticationScheme]))
            .AllowAnonymous();

        // Sign-out changes state, so it is a POST with an antiforgery token: a cross-site page
        // must not be able to sign people out.
        endpoints.MapPost(SsoPaths.SignOut, SignOutAsync).AllowAnonymous();

        return endpoints;
    }

    private static async Task<IResult> SignOutAsync(HttpContext context, IAntiforgery antiforgery)
    {
        if (!await antiforgery.IsRequestValidAsync(context).ConfigureAwait(false))
        {
            return Results.BadRequest();
        }

        // Cookie first (this app forgets the person), then OpenID Connect: the handler sends the
        // saved ID token as id_token_hint to the end_session endpoint from discovery, and the
        // server returns to /signout-callback-oidc, then to the home page.
        return Results.SignOut(
            new AuthenticationProperties { RedirectUri = SsoPaths.Home },
            [CookieAuthenticationDefaults.AuthenticationScheme, OpenIdConnectDefaults.AuthenticationScheme]);
    }
}
