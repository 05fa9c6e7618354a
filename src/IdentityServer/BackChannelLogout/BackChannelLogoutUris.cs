using System.Text.Json;
using OpenIddict.Abstractions;

namespace Sso.IdentityServer.BackChannelLogout;

/// <summary>
/// Where each client wants its logout notices (OpenID Connect Back-Channel Logout §2.2,
/// <c>backchannel_logout_uri</c>), kept in the client's OpenIddict properties.
/// </summary>
public sealed class BackChannelLogoutUris(IOpenIddictApplicationManager applications)
{
    public const string PropertyName = "backchannel_logout_uri";

    public async Task<Uri?> FindAsync(string clientId, CancellationToken cancellationToken)
    {
        var application = await applications.FindByClientIdAsync(clientId, cancellationToken);
        if (application is null)
        {
            return null;
        }

        var properties = await applications.GetPropertiesAsync(application, cancellationToken);
        return properties.TryGetValue(PropertyName, out var value)
               && value.ValueKind == JsonValueKind.String
               && Uri.TryCreate(value.GetString(), UriKind.Absolute, out var uri)
            ? uri
            : null;
    }

    /// <summary>Sets or clears the URI on a descriptor about to be saved.</summary>
    public static void Set(OpenIddictApplicationDescriptor descriptor, string? uri)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        if (string.IsNullOrEmpty(uri))
        {
            descriptor.Properties.Remove(PropertyName);
        }
        else
        {
            descriptor.Properties[PropertyName] = JsonSerializer.SerializeToElement(uri);
        }
    }
}
