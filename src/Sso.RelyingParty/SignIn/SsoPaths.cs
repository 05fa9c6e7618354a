namespace Sso.RelyingParty.SignIn;

/// <summary>
/// Paths shared by the library's endpoints and each app's pages. Razor <c>@page</c> directives
/// cannot use constants, so the apps repeat <see cref="SignInFailed"/> and <see cref="Error"/> as literals.
/// </summary>
public static class SsoPaths
{
    public const string Home = "/";

    /// <summary>GET: starts the OpenID Connect challenge (optional local <c>returnUrl</c>).</summary>
    public const string SignIn = "/account/sign-in";

    /// <summary>POST with an antiforgery token: ends the local session and the server session.</summary>
    public const string SignOut = "/account/sign-out";

    /// <summary>Friendly page shown when the server refused or the sign-in failed; never an exception page.</summary>
    public const string SignInFailed = "/account/sign-in-failed";

    /// <summary>Friendly page for unexpected errors (re-executed by the exception handler).</summary>
    public const string Error = "/error";

    /// <summary>
    /// POST (form field <c>logout_token</c>) from the identity server: ends sessions by sid or sub
    /// (OpenID Connect Back-Channel Logout 1.0). Registered as the client's backchannel_logout_uri.
    /// </summary>
    public const string BackChannelLogout = "/signout-backchannel";

    /// <summary>Health endpoint for probes.</summary>
    public const string Health = "/health";
}
