using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Sso.RelyingParty.Sessions;

/// <summary>Points the app's session cookie at <see cref="SessionTicketStore"/>: the cookie then carries only the session's key.</summary>
/// <remarks>
/// The store is resolved when the cookie options are built, not injected: it reads those same
/// options (for the cookie lifetime), and injecting it here would make the two depend on each other.
/// </remarks>
internal sealed class ConfigureSessionStore(IServiceProvider services) : IConfigureNamedOptions<CookieAuthenticationOptions>
{
    public void Configure(string? name, CookieAuthenticationOptions options)
    {
        if (name == CookieAuthenticationDefaults.AuthenticationScheme)
        {
            options.SessionStore = services.GetRequiredService<SessionTicketStore>();
        }
    }

    public void Configure(CookieAuthenticationOptions options) => Configure(Options.DefaultName, options);
}
