namespace Sso.RelyingParty.ProtectedApi;

/// <summary>This app's own API, as a resource server. Bound from the "Api" section.</summary>
public sealed class ApiOptions
{
    public const string SectionName = "Api";

    /// <summary>The "aud" value access tokens for this API carry, e.g. "orders-api".</summary>
    public string Audience { get; set; } = "";

    /// <summary>Tolerated clock difference with the identity server when checking exp and nbf.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
