using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Sso.RelyingParty.Transport;

namespace Sso.RelyingParty.SignIn;

/// <summary>
/// Configures the OpenID Connect handler lazily from <see cref="SsoClientOptions"/> (so test
/// overrides of configuration still apply). Endpoints come from the discovery document.
/// </summary>
internal sealed class ConfigureOpenIdConnect(IOptions<SsoClientOptions> sso, IHostEnvironment environment)
    : IConfigureNamedOptions<OpenIdConnectOptions>
{
    public void Configure(string? name, OpenIdConnectOptions options)
    {
        if (name != OpenIdConnectDefaults.AuthenticationScheme)
        {
            return;
        }

        var settings = sso.Value;
        options.SignInScheme = CookieAuthenticationDefaults.AuthenticationScheme;
        options.Authority = settings.Authority;
        options.ClientId = settings.ClientId;
        options.ClientSecret = settings.ClientSecret;
        options.BackchannelTimeout = settings.BackchannelTimeout;

        // Metadata over http only for a loopback authority in Development (validated at start too).
        options.RequireHttpsMetadata = !(Uri.TryCreate(settings.Authority, UriKind.Absolute, out var authority)
            && TransportSecurity.IsPlainHttpAllowed(authority, environment));

        // Authorization code + PKCE S256 (RFC 9700 §2.1.1); no tokens in the front channel.
        options.ResponseType = OpenIdConnectResponseType.Code;
        options.UsePkce = true;
        // form_post needs SameSite=None cookies, which need https; a query response works on http too.
        options.ResponseMode = OpenIdConnectResponseMode.Query;

        options.Scope.Clear();
        foreach (var scope in settings.Scopes)
        {
            options.Scope.Add(scope);
        }

        // Keep tokens in the (encrypted) session cookie: the refresh token for renewal, the
        // access token for API calls, the ID token as id_token_hint at sign-out.
        options.SaveTokens = true;
        // Keep protocol claim names (sub, name, email) rather than the legacy WS-* URIs.
        options.MapInboundClaims = false;
        options.TokenValidationParameters.NameClaimType = "name";
        options.TokenValidationParameters.RoleClaimType = "role";
        // The server may release profile and email claims only at UserInfo.
        options.GetClaimsFromUserInfoEndpoint = true;

        // Correlation and nonce cookies ride the top-level GET back from the server: Lax does that,
        // and SameAsRequest lets them work on plain http in Development. Prefixed with the app's
        // cookie name so two apps on one host never mix them up. No __Host- prefix: they are
        // scoped to the callback path.
        options.CorrelationCookie.Name = settings.CookieName + ".correlation.";
        options.CorrelationCookie.SameSite = SameSiteMode.Lax;
        options.CorrelationCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.NonceCookie.Name = settings.CookieName + ".nonce.";
        options.NonceCookie.SameSite = SameSiteMode.Lax;
        options.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;

        // After RP-initiated logout the server returns to /signout-callback-oidc, then home.
        options.SignedOutRedirectUri = SsoPaths.Home;

        options.EventsType = typeof(SignInFailureEvents);
    }

    public void Configure(OpenIdConnectOptions options) => Configure(Options.DefaultName, options);
}
