namespace Sso.RelyingParty.SingleSignOut;

/// <summary>How strictly logout tokens are timed. Bound from the "BackChannelLogout" section.</summary>
public sealed class BackChannelLogoutOptions
{
    public const string SectionName = "BackChannelLogout";

    /// <summary>
    /// A logout token issued (iat) longer ago than this is refused, even if its exp is later:
    /// the identity server sends it at once, so an old one is a replay from somewhere else
    /// (Back-Channel Logout 1.0 §2.6, step 6, leaves the window to the RP).
    /// </summary>
    public TimeSpan MaxTokenAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Tolerated clock difference with the identity server when checking iat and exp.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
