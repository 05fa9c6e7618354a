using System.Globalization;
using System.Text.Json;
using OpenIddict.Abstractions;
using Sso.IdentityServer.BackChannelLogout;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sso.IdentityServer.Clients;

/// <summary>
/// Turns a <see cref="ClientDefinition"/> into OpenIddict's descriptor and back, granting only what
/// the client needs: the endpoints of its grant types, those grant types, its scopes, and PKCE as a
/// requirement for every client (RFC 9700 §2.1.1).
/// </summary>
public static class ClientDescriptors
{
    /// <summary>Which path registered the client (<see cref="ClientSource"/>), in the application's properties.</summary>
    public const string SourceProperty = "sso_source";

    /// <summary>SHA-256 of the RFC 7592 registration access token, for self-registered clients.</summary>
    public const string RegistrationTokenHashProperty = "registration_access_token_hash";

    /// <summary>Writes <paramref name="client"/> over <paramref name="descriptor"/>, leaving its secret and other properties alone.</summary>
    public static void Describe(ClientDefinition client, OpenIddictApplicationDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(descriptor);
        descriptor.ClientId = client.ClientId;
        descriptor.DisplayName = string.IsNullOrWhiteSpace(client.DisplayName) ? client.ClientId : client.DisplayName;
        descriptor.ClientType = client.Type == ClientType.Public ? ClientTypes.Public : ClientTypes.Confidential;
        descriptor.ApplicationType = client.GrantTypes.Contains(GrantTypes.AuthorizationCode) ? ApplicationTypes.Web : null;
        descriptor.ConsentType = client.ConsentType;
        descriptor.RedirectUris.Clear();
        descriptor.RedirectUris.UnionWith(client.RedirectUris.Select(uri => new Uri(uri, UriKind.Absolute)));
        descriptor.PostLogoutRedirectUris.Clear();
        descriptor.PostLogoutRedirectUris.UnionWith(client.PostLogoutRedirectUris.Select(uri => new Uri(uri, UriKind.Absolute)));
        BackChannelLogoutUris.Set(descriptor, client.BackChannelLogoutUri);

        descriptor.Permissions.Clear();
        var interactive = client.GrantTypes.Contains(GrantTypes.AuthorizationCode);
        descriptor.Permissions.Add(Permissions.Endpoints.Token);
        descriptor.Permissions.Add(Permissions.Endpoints.Revocation);
        if (client.Type == ClientType.Confidential)
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Introspection);
        }

        if (interactive)
        {
            descriptor.Permissions.Add(Permissions.Endpoints.Authorization);
            descriptor.Permissions.Add(Permissions.Endpoints.EndSession);
            descriptor.Permissions.Add(Permissions.ResponseTypes.Code);
        }

        descriptor.Permissions.UnionWith(client.GrantTypes.Select(grant => Permissions.Prefixes.GrantType + grant));
        descriptor.Permissions.UnionWith(client.Scopes.Select(scope => Permissions.Prefixes.Scope + scope));

        descriptor.Requirements.Clear();
        descriptor.Requirements.Add(Requirements.Features.ProofKeyForCodeExchange);

        descriptor.Settings.Clear();
        SetLifetime(descriptor, Settings.TokenLifetimes.AccessToken, client.TokenLifetimes.AccessToken);
        SetLifetime(descriptor, Settings.TokenLifetimes.IdentityToken, client.TokenLifetimes.IdentityToken);
        SetLifetime(descriptor, Settings.TokenLifetimes.AuthorizationCode, client.TokenLifetimes.AuthorizationCode);
        SetLifetime(descriptor, Settings.TokenLifetimes.RefreshToken, client.TokenLifetimes.RefreshToken);
    }

    /// <summary>Reads the client back from a stored application's descriptor.</summary>
    public static ClientDefinition Read(OpenIddictApplicationDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        return new ClientDefinition
        {
            ClientId = descriptor.ClientId ?? "",
            DisplayName = descriptor.DisplayName,
            Type = descriptor.ClientType == ClientTypes.Public ? ClientType.Public : ClientType.Confidential,
            ConsentType = descriptor.ConsentType ?? ConsentTypes.Explicit,
            GrantTypes = [.. Suffixes(descriptor, Permissions.Prefixes.GrantType)],
            RedirectUris = [.. descriptor.RedirectUris.Select(uri => uri.OriginalString).Order(StringComparer.Ordinal)],
            PostLogoutRedirectUris = [.. descriptor.PostLogoutRedirectUris.Select(uri => uri.OriginalString).Order(StringComparer.Ordinal)],
            BackChannelLogoutUri = descriptor.Properties.TryGetValue(BackChannelLogoutUris.PropertyName, out var logout)
                                   && logout.ValueKind == JsonValueKind.String ? logout.GetString() : null,
            Scopes = [.. Suffixes(descriptor, Permissions.Prefixes.Scope)],
            TokenLifetimes = new ClientTokenLifetimes
            {
                AccessToken = Lifetime(descriptor, Settings.TokenLifetimes.AccessToken),
                IdentityToken = Lifetime(descriptor, Settings.TokenLifetimes.IdentityToken),
                AuthorizationCode = Lifetime(descriptor, Settings.TokenLifetimes.AuthorizationCode),
                RefreshToken = Lifetime(descriptor, Settings.TokenLifetimes.RefreshToken),
            },
        };
    }

    public static ClientSource SourceOf(OpenIddictApplicationDescriptor descriptor) =>
        descriptor.Properties.TryGetValue(SourceProperty, out var value)
        && value.ValueKind == JsonValueKind.String
        && Enum.TryParse<ClientSource>(value.GetString(), out var source)
            ? source
            : ClientSource.Unknown;

    public static void SetSource(OpenIddictApplicationDescriptor descriptor, ClientSource source) =>
        descriptor.Properties[SourceProperty] = JsonSerializer.SerializeToElement(source.ToString());

    public static string? Property(OpenIddictApplicationDescriptor descriptor, string name) =>
        descriptor.Properties.TryGetValue(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static IEnumerable<string> Suffixes(OpenIddictApplicationDescriptor descriptor, string prefix) =>
        descriptor.Permissions
            .Where(permission => permission.StartsWith(prefix, StringComparison.Ordinal))
            .Select(permission => permission[prefix.Length..])
            .Order(StringComparer.Ordinal);

    private static void SetLifetime(OpenIddictApplicationDescriptor descriptor, string setting, TimeSpan? lifetime)
    {
        if (lifetime is { } value)
        {
            descriptor.Settings[setting] = value.ToString("c", CultureInfo.InvariantCulture);
        }
    }

    private static TimeSpan? Lifetime(OpenIddictApplicationDescriptor descriptor, string setting) =>
        descriptor.Settings.TryGetValue(setting, out var value) && TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var lifetime)
            ? lifetime
            : null;
}
