using System.Globalization;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sso.IdentityServer.Clients;

/// <summary>
/// A client's own refresh token lifetime, if it has one. OpenIddict applies the other per-client
/// lifetimes by itself; the token endpoint sets the refresh token's lifetime explicitly (to enforce
/// the absolute session limit), so it asks here first.
/// </summary>
public static class ClientRefreshTokenLifetime
{
    public static async Task<TimeSpan?> FindAsync(IOpenIddictApplicationManager applications, string? clientId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(applications);
        var application = string.IsNullOrEmpty(clientId) ? null : await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return null;
        }

        var settings = await applications.GetSettingsAsync(application, cancellationToken);
        return settings.TryGetValue(Settings.TokenLifetimes.RefreshToken, out var value)
               && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var lifetime)
            ? lifetime
            : null;
    }
}
