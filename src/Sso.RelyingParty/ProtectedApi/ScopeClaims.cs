using System.Security.Claims;

namespace Sso.RelyingParty.ProtectedApi;

/// <summary>
/// Reads the granted scopes of an access token. RFC 9068 §2.2.3 says "scope" is a
/// space-separated string, but some servers send a JSON array, which becomes one claim per
/// element: both shapes give the same set here.
/// </summary>
public static class ScopeClaims
{
    public const string ClaimType = "scope";

    public static IReadOnlySet<string> Read(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        return principal.FindAll(ClaimType)
            .SelectMany(claim => claim.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.Ordinal);
    }
}
