using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Sso.RelyingParty.Tokens;

namespace Sso.RelyingParty.SignIn;

/// <summary>What the signed-in pages show about the current session.</summary>
/// <param name="Name">The "name" claim, falling back to preferred_username, email, then sub.</param>
/// <param name="Subject">The "sub" claim: the person's stable id at the identity server.</param>
/// <param name="Email">The "email" claim, if released.</param>
/// <param name="SignedInAt">auth_time from the ID token, or when this app's session was issued.</param>
/// <param name="AccessTokenExpiresAt">When the saved access token expires, if known.</param>
/// <param name="SessionId">
/// The identity server's session id ("sid" in the ID token), which logout tokens name
/// (OpenID Connect Back-Channel Logout 1.0 §2.4); harmless to show, the ID token carries it.
/// </param>
public sealed record SignedInSession(
    string Name,
    string Subject,
    string? Email,
    DateTimeOffset? SignedInAt,
    DateTimeOffset? AccessTokenExpiresAt,
    string? SessionId)
{
    /// <summary>Reads the session from the cookie; null when nobody is signed in.</summary>
    public static async Task<SignedInSession?> ReadAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var result = await httpContext.AuthenticateAsync().ConfigureAwait(false);
        if (!result.Succeeded || result.Principal is not { } user)
        {
            return null;
        }

        var subject = user.FindFirstValue("sub") ?? "";
        var name = user.FindFirstValue("name")
            ?? user.FindFirstValue("preferred_username")
            ?? user.FindFirstValue("email")
            ?? subject;

        return new SignedInSession(
            name,
            subject,
            user.FindFirstValue("email"),
            RecentSignIn.AuthTime(user) ?? result.Properties?.IssuedUtc,
            ReadExpiresAt(result.Properties),
            user.FindFirstValue("sid"));
    }

    private static DateTimeOffset? ReadExpiresAt(AuthenticationProperties? properties) =>
        DateTimeOffset.TryParse(
            properties?.GetTokenValue(SessionTokenNames.ExpiresAt),
            CultureInfo.InvariantCulture,
            DateTimeStyles.RoundtripKind,
            out var expiresAt)
            ? expiresAt
            : null;
}
