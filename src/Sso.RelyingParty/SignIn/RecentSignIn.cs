using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;

namespace Sso.RelyingParty.SignIn;

/// <summary>
/// Step-up for sensitive pages: the person must have typed their password recently. The proof is
/// <c>auth_time</c> in the ID token; when it is too old the app challenges with <c>max_age</c>, and
/// the identity server must then authenticate the person again (OpenID Connect Core 1.0 §3.1.2.1)
/// and report the new auth_time. The app checks it itself (§3.1.2.1: "the RP SHOULD check the
/// auth_time Claim value and request re-authentication if it determines too much time has elapsed").
/// </summary>
public static class RecentSignIn
{
    /// <summary>
    /// When this app last asked for a fresh sign-in (Unix seconds). It rides in the challenge's
    /// properties, which the OpenID Connect handler protects in the state parameter and hands to
    /// the new session, so the page can tell "just came back from a step-up" from "first visit".
    /// </summary>
    public const string StepUpRequestedItem = ".sso.step_up_requested_at";

    private const string AuthTimeClaim = "auth_time";

    /// <summary>Judges the signed-in session in <paramref name="session"/> (the cookie's authentication result).</summary>
    public static SignInFreshness Evaluate(AuthenticateResult session, DateTimeOffset now, TimeSpan maxAge, TimeSpan clockSkew)
    {
        ArgumentNullException.ThrowIfNull(session);
        return Evaluate(AuthTime(session.Principal), StepUpRequestedAt(session.Properties), now, maxAge, clockSkew);
    }

    /// <param name="authTime">When the person last typed their password, per the identity server.</param>
    /// <param name="stepUpRequestedAt">When this app last asked for a fresh sign-in, if it did.</param>
    /// <param name="now">The app's clock.</param>
    /// <param name="maxAge">The largest age allowed.</param>
    /// <param name="clockSkew">Tolerated difference between the server's clock and ours, plus the
    /// seconds a sign-in takes to come back to the app (auth_time has whole seconds only).</param>
    public static SignInFreshness Evaluate(DateTimeOffset? authTime, DateTimeOffset? stepUpRequestedAt, DateTimeOffset now, TimeSpan maxAge, TimeSpan clockSkew)
    {
        if (authTime is { } signedInAt && now - signedInAt <= maxAge + clockSkew)
        {
            return SignInFreshness.Fresh;
        }

        // We asked moments ago, and the answer is a sign-in from before we asked: the server did
        // not ask for the password. Asking again would only bring the same answer.
        if (stepUpRequestedAt is { } askedAt && now - askedAt <= maxAge + clockSkew
            && (authTime is null || authTime < askedAt - clockSkew))
        {
            return SignInFreshness.NotRenewed;
        }

        return SignInFreshness.TooOld;
    }

    /// <summary>
    /// The challenge for a fresh sign-in: <c>max_age</c> (the handler sends whole seconds), the
    /// page to come back to, and the moment we asked.
    /// </summary>
    public static AuthenticationProperties StepUpChallenge(string returnUrl, TimeSpan maxAge, DateTimeOffset now)
    {
        var properties = new OpenIdConnectChallengeProperties
        {
            RedirectUri = LocalReturnUrl.OrDefault(returnUrl, SsoPaths.Home),
            MaxAge = maxAge,
        };
        properties.Items[StepUpRequestedItem] = now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return properties;
    }

    /// <summary>auth_time is seconds since the epoch (OpenID Connect Core 1.0 §2).</summary>
    public static DateTimeOffset? AuthTime(ClaimsPrincipal? user) => Seconds(user?.FindFirst(AuthTimeClaim)?.Value);

    private static DateTimeOffset? StepUpRequestedAt(AuthenticationProperties? properties) =>
        properties is not null && properties.Items.TryGetValue(StepUpRequestedItem, out var value) ? Seconds(value) : null;

    private static DateTimeOffset? Seconds(string? value) =>
        long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
        && seconds <= DateTimeOffset.MaxValue.ToUnixTimeSeconds()
            ? DateTimeOffset.FromUnixTimeSeconds(seconds)
            : null;
}
