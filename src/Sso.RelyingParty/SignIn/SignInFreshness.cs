namespace Sso.RelyingParty.SignIn;

/// <summary>Whether the person's last sign-in is recent enough for a sensitive page.</summary>
public enum SignInFreshness
{
    /// <summary>auth_time is within the allowed age: show the page.</summary>
    Fresh,

    /// <summary>Too long ago: ask the identity server for a new sign-in (max_age).</summary>
    TooOld,

    /// <summary>
    /// This app just asked for a new sign-in and still got an old one: the identity server did not
    /// honour max_age. Asking again would loop, so the page explains instead.
    /// </summary>
    NotRenewed,
}
