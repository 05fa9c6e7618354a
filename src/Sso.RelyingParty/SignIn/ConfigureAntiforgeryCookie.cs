using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Sso.RelyingParty.SignIn;

/// <summary>
/// The antiforgery cookie gets the app's own name (two apps on one host never overwrite each
/// other's) and, on https, the <c>__Host-</c> prefix like the session cookie: then no other host
/// of the domain can plant one beside the form (RFC 6265bis §4.1.3.2).
/// </summary>
internal sealed class ConfigureAntiforgeryCookie(IOptions<SsoClientOptions> sso) : IConfigureOptions<AntiforgeryOptions>
{
    public void Configure(AntiforgeryOptions options)
    {
        var settings = sso.Value;
        var https = settings.UsesHttps;
        options.Cookie.Name = (https ? ConfigureSessionCookie.HostPrefix : "") + settings.CookieName + ".antiforgery";
        options.Cookie.Path = "/";
        options.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
    }
}
