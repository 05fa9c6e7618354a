namespace Sso.RelyingParty.ProtectedApi;

/// <summary>
/// How this API asks the identity server whether a token is still active (RFC 7662), for endpoints
/// marked <see cref="ActiveTokenEndpointConventionBuilderExtensions.RequireActiveToken{TBuilder}"/>.
/// Bound from "Api:Introspection".
/// </summary>
public sealed class IntrospectionOptions
{
    public const string SectionName = "Api:Introspection";

    /// <summary>The API's own client id at the identity server (its resource name, e.g. "billing-api").</summary>
    public string ClientId { get; set; } = "";

    /// <summary>The API's client secret. Development value in appsettings.Development.json only.</summary>
    public string ClientSecret { get; set; } = "";

    /// <summary>
    /// How long an answer is reused (never beyond the token's exp). Longer means fewer calls to the
    /// identity server and a longer window in which a revoked token still works here.
    /// </summary>
    public TimeSpan CacheDuration { get; set; } = TimeSpan.FromSeconds(5);
}
