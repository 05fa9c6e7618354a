using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Sso.IdentityServer.Sessions;

namespace Sso.IdentityServer.Accounts;

/// <summary>
/// Signs a person in with a brand-new server-side session: a new <c>sid</c> and a new cookie key,
/// and the session this browser had is ended. ASP.NET Core's cookie handler does not do that by
/// itself: when the request already carries a live session it renews that session in place
/// (dotnet/aspnetcore#22135), keeping a key an attacker may have planted (session fixation) or
/// stolen (the reason someone changes their password), and even the previous person's session
/// row on a shared computer.
/// </summary>
public sealed class SessionSignIn(SignInManager<SsoUser> signIn, IAuthenticationSchemeProvider schemes, TimeProvider time)
{
    public async Task StartNewSessionAsync(HttpContext http, SsoUser user, SessionEndReason endOfPrevious)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(user);

        // End the session this request came with (if it still exists); this also stops this
        // request's cookie handler from writing the old key back at the end of the response.
        if ((await http.AuthenticateAsync(IdentityConstants.ApplicationScheme)).Succeeded)
        {
            DatabaseTicketStore.SetEndReason(http, endOfPrevious);
            await http.SignOutAsync(IdentityConstants.ApplicationScheme);
        }

        // auth_time: when the password was typed; it feeds max_age and the ID token.
        var principal = await signIn.CreateUserPrincipalAsync(user);
        principal.Identities.First().AddClaim(AuthenticationTimeClaim.Create(time.GetUtcNow()));

        // A fresh handler instance (as the authentication service would make for a new request)
        // reads the cookie again, finds its session gone, and so stores a new session under a new key.
        var scheme = await schemes.GetSchemeAsync(IdentityConstants.ApplicationScheme)
            ?? throw new InvalidOperationException("The Identity cookie scheme is not registered.");
        var handler = ActivatorUtilities.CreateInstance(http.RequestServices, scheme.HandlerType) as IAuthenticationSignInHandler
            ?? throw new InvalidOperationException($"{scheme.HandlerType} cannot sign in.");
        await handler.InitializeAsync(scheme, http);
        await handler.SignInAsync(principal, new AuthenticationProperties { IsPersistent = false });
        http.User = principal;
    }
}
