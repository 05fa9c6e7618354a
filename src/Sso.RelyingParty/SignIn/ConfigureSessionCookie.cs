using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Sso.RelyingParty.SignIn;

/// <summary>
/// Configures the app's session cookie when it is first needed, from the bound
/// <see cref="SsoClientOptions"/>: configuration overrides made after Program.cs ran (tests) still apply.
/// </summary>
internal sealed class ConfigureSessionCookie(IOptions<SsoClientOptions> sso)
    : IConfigureNamedOptions<CookieAuthenticationOptions>
{
    /// <summary>Cookies with this prefix are refused by browsers unless Secure, Path=/ and host-only (RFC 6265bis §4.1.3.2).</summary>
    public const string HostPrefix = "__Host-";

    public void Configure(string? name, CookieAuthenticationOptions options)
    {
        if (name != CookieAuthenticationDefaults.AuthenticationScheme)
        {
            return;
        }

        var settings = sso.Value;
        var https = settings.UsesHttps;

        options.Cookie.Name = https ? HostPrefix + settings.CookieName : settings.CookieName;
        options.Cookie.Path = "/";
        options.Cookie.HttpOnly = true;
        // Lax: the cookie must come along on the top-level GET back from the identity server.
        options.Cookie.SameSite = SameSiteMode.Lax;
        // Development runs on plain http on loopback; with an https authority the app is on https too.
        options.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;

        // Silent renewal of the access token happens while the cookie is validated.
        options.EventsType = typeof(SessionCookieEvents);

        // The challenge goes to OpenID Connect; these only matter for a forbidden page.
        options.AccessDeniedPath = SsoPaths.SignInFailed;
    }

    public void Configure(CookieAuthenticationOptions options) => Configure(Options.DefaultName, options);
}
