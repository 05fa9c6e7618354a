namespace Sso.RelyingParty.SignIn;

/// <summary>
/// How this app signs people in at the identity server. Bound from the "Sso" section and
/// validated at start by <see cref="SsoClientOptionsValidator"/>.
/// </summary>
public sealed class SsoClientOptions
{
    /// <summary>The configuration section these options come from.</summary>
    public const string SectionName = "Sso";

    /// <summary>The identity server's issuer URL, e.g. "http://localhost:5000/". Endpoints come from its discovery document.</summary>
    public string Authority { get; set; } = "";

    /// <summary>
    /// Served over https, like the identity server it trusts: then every site-wide cookie gets the
    /// __Host- prefix and Secure (plain http is Development on loopback only).
    /// </summary>
    internal bool UsesHttps => Authority.StartsWith("https:", StringComparison.OrdinalIgnoreCase);

    /// <summary>This app's client_id at the identity server.</summary>
    public string ClientId { get; set; } = "";

    /// <summary>This app's client secret. Development value in appsettings.Development.json only; elsewhere from a secret store.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>Scopes requested at sign-in; must include "openid" (and "offline_access" for silent renewal).</summary>
    public IList<string> Scopes { get; } = new List<string>();

    /// <summary>
    /// Name of the session cookie. Every app needs its own: browsers keep cookies per host, not per
    /// port, so apps on localhost:5001 and :5002 would otherwise overwrite each other's session.
    /// </summary>
    public string CookieName { get; set; } = "";

    /// <summary>Renew the access token when it expires within this margin, so API calls never carry a token about to lapse.</summary>
    public TimeSpan RefreshBeforeExpiry { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Timeout for calls to the identity server (discovery, code redemption, refresh).</summary>
    public TimeSpan BackchannelTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
