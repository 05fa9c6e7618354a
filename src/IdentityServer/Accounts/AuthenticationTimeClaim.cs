using System.Globalization;
using System.Security.Claims;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sso.IdentityServer.Accounts;

/// <summary>
/// When the person last typed their password, as the <c>auth_time</c> claim (Unix seconds). The
/// sign-in page writes it into the session; max_age, the ID token and the absolute refresh-token
/// limit read it back.
/// </summary>
public static class AuthenticationTimeClaim
{
    public static Claim Create(DateTimeOffset authenticatedAt) =>
        new(Claims.AuthenticationTime, authenticatedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), ClaimValueTypes.Integer64);

    public static DateTimeOffset? Read(ClaimsPrincipal? principal) =>
        long.TryParse(principal?.FindFirst(Claims.AuthenticationTime)?.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
