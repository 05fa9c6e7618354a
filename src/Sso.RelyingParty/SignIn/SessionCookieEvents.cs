using Microsoft.AspNetCore.Authentication.Cookies;
using Sso.RelyingParty.Tokens;

namespace Sso.RelyingParty.SignIn;

/// <summary>Hooks <see cref="AccessTokenRenewal"/> into every request that carries the session cookie.</summary>
internal sealed class SessionCookieEvents(AccessTokenRenewal renewal) : CookieAuthenticationEvents
{
    public override Task ValidatePrincipal(CookieValidatePrincipalContext context) =>
        renewal.ValidateAsync(context);
}
