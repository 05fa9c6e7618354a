using System.ComponentModel.DataAnnotations;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sso.IdentityServer.Clients.DynamicRegistration;

/// <summary>
/// What apps that register themselves (RFC 7591) may do. Operators register clients with the
/// command line, the admin API or pages and may grant anything valid; a self-registered client is
/// unvetted, so by default it cannot act on its own behalf, must use https redirect URIs, only gets
/// the OpenID Connect scopes, and people are always asked before it gets their data.
/// </summary>
public sealed class RegistrationOptions : IValidatableObject
{
    public const string Section = "Registration";

    /// <summary>
    /// Lets anyone register a client without an initial access token (RFC 7591 §3). Off by default:
    /// turn it on only where anyone may register apps, and then keep the policy below narrow.
    /// </summary>
    public bool AllowOpenRegistration { get; set; }

    /// <summary>Whether self-registered clients may use client_credentials (tokens without a person).</summary>
    public bool AllowClientCredentials { get; set; }

    /// <summary>Whether self-registered clients may use http://localhost redirect URIs (RFC 8252 §7.3, native apps).</summary>
    public bool AllowLoopbackRedirectUris { get; set; }

    /// <summary>The scopes a self-registered client may be given.</summary>
    public List<string> AllowedScopes { get; set; } = [Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.OfflineAccess];

    /// <summary>Lifetime of an initial access token when its issuer does not say.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "90.00:00:00")]
    public TimeSpan InitialAccessTokenLifetime { get; set; } = TimeSpan.FromDays(1);

    public ClientPolicy ToPolicy() => new()
    {
        AllowClientCredentials = AllowClientCredentials,
        AllowLoopbackHttp = AllowLoopbackRedirectUris,
        AllowedScopes = AllowedScopes.ToHashSet(StringComparer.Ordinal),
        AllowImplicitConsent = false,
        AllowTokenLifetimes = false,
        AllowAdminScope = false,
    };

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (AllowedScopes.Contains(AdminScope.Name))
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(AllowedScopes)} must not contain {AdminScope.Name}: a self-registered client must never administer the server.",
                [nameof(AllowedScopes)]);
        }
    }
}
