using System.Text.Json;
using Oidc = OpenIddict.Abstractions.OpenIddictConstants;

namespace Sso.IdentityServer.Clients.DynamicRegistration;

/// <summary>
/// RFC 7591 §2 client metadata in and out. Metadata the server does not understand is ignored, as
/// §2 requires; metadata it understands but cannot honour is refused with invalid_client_metadata.
/// </summary>
public static class ClientMetadata
{
    public const string ClientId = "client_id";
    public const string ClientSecret = "client_secret";
    public const string ClientName = "client_name";
    public const string RedirectUris = "redirect_uris";
    public const string PostLogoutRedirectUris = "post_logout_redirect_uris";
    public const string BackChannelLogoutUri = "backchannel_logout_uri";
    public const string GrantTypes = "grant_types";
    public const string ResponseTypes = "response_types";
    public const string Scope = "scope";
    public const string TokenEndpointAuthMethod = "token_endpoint_auth_method";

    /// <summary>Kept with the client so reads return the method it registered with.</summary>
    public const string AuthMethodProperty = "token_endpoint_auth_method";

    public const string IssuedAtProperty = "client_id_issued_at";

    private static readonly string[] SecretMethods = [Oidc.ClientAuthenticationMethods.ClientSecretBasic, Oidc.ClientAuthenticationMethods.ClientSecretPost];

    /// <summary>
    /// Reads a registration (or RFC 7592 update) request into a client definition, or says why not.
    /// <paramref name="json"/> is a JSON object: the endpoints refuse any other body before this.
    /// </summary>
    public static (ClientDefinition? Client, string? AuthMethod, string? Error) Read(JsonElement json, string clientId)
    {
        try
        {
            var method = String(json, TokenEndpointAuthMethod) ?? Oidc.ClientAuthenticationMethods.ClientSecretBasic;
            if (method != Oidc.ClientAuthenticationMethods.None && !SecretMethods.Contains(method))
            {
                return (null, null, $"{TokenEndpointAuthMethod}: only client_secret_basic, client_secret_post or none are supported");
            }

            var grants = Strings(json, GrantTypes) ?? [Oidc.GrantTypes.AuthorizationCode];
            var responses = Strings(json, ResponseTypes) ?? [Oidc.ResponseTypes.Code];
            if (responses.Any(response => response != Oidc.ResponseTypes.Code))
            {
                return (null, null, $"{ResponseTypes}: only 'code' is supported (no implicit or hybrid flow)");
            }

            var codeFlow = grants.Contains(Oidc.GrantTypes.AuthorizationCode);
            var scope = String(json, Scope);
            var client = new ClientDefinition
            {
                ClientId = clientId,
                DisplayName = String(json, ClientName),
                Type = method == Oidc.ClientAuthenticationMethods.None ? ClientType.Public : ClientType.Confidential,
                ConsentType = Oidc.ConsentTypes.Explicit,
                GrantTypes = grants,
                RedirectUris = Strings(json, RedirectUris) ?? [],
                PostLogoutRedirectUris = Strings(json, PostLogoutRedirectUris) ?? [],
                BackChannelLogoutUri = String(json, BackChannelLogoutUri),
                Scopes = scope is null
                    ? (codeFlow ? [Oidc.Scopes.OpenId] : [])
                    : scope.Split(' ', StringSplitOptions.RemoveEmptyEntries),
            };
            return (client, method, null);
        }
        catch (MetadataTypeException wrong)
        {
            return (null, null, wrong.Message);
        }
    }

    /// <summary>The client's metadata as RFC 7591 §3.2.1 returns it (never a stored secret: only its hash is kept).</summary>
    public static Dictionary<string, object?> Write(ClientDefinition client, string authMethod, long issuedAt)
    {
        ArgumentNullException.ThrowIfNull(client);
        var metadata = new Dictionary<string, object?>
        {
            [ClientId] = client.ClientId,
            [IssuedAtProperty] = issuedAt,
            [ClientName] = client.DisplayName,
            [TokenEndpointAuthMethod] = authMethod,
            [GrantTypes] = client.GrantTypes,
            [ResponseTypes] = client.GrantTypes.Contains(Oidc.GrantTypes.AuthorizationCode)
                ? new[] { Oidc.ResponseTypes.Code }
                : [],
            [RedirectUris] = client.RedirectUris,
            [PostLogoutRedirectUris] = client.PostLogoutRedirectUris,
            [Scope] = string.Join(' ', client.Scopes),
        };
        if (client.BackChannelLogoutUri is { } logout)
        {
            metadata[BackChannelLogoutUri] = logout;
            metadata["backchannel_logout_session_required"] = true;
        }

        return metadata;
    }

    /// <summary>The RFC 7591 metadata name of a field, for error descriptions.</summary>
    public static string NameOf(ClientField field) => field switch
    {
        ClientField.ClientId => ClientId,
        ClientField.DisplayName => ClientName,
        ClientField.ClientType or ClientField.ClientSecret => TokenEndpointAuthMethod,
        ClientField.ConsentType => "consent",
        ClientField.GrantTypes => GrantTypes,
        ClientField.RedirectUris => RedirectUris,
        ClientField.PostLogoutRedirectUris => PostLogoutRedirectUris,
        ClientField.BackChannelLogoutUri => BackChannelLogoutUri,
        ClientField.Scopes => Scope,
        _ => "token lifetimes",
    };

    private static string? String(JsonElement json, string name) =>
        !json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null ? null
        : value.ValueKind == JsonValueKind.String ? value.GetString()
        : throw new MetadataTypeException($"{name} must be a string");

    private static string[]? Strings(JsonElement json, string name)
    {
        if (!json.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array || value.EnumerateArray().Any(item => item.ValueKind != JsonValueKind.String))
        {
            throw new MetadataTypeException($"{name} must be an array of strings");
        }

        return [.. value.EnumerateArray().Select(item => item.GetString()!)];
    }

    private sealed class MetadataTypeException(string message) : Exception(message);
}
