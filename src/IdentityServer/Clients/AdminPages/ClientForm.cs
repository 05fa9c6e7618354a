using System.ComponentModel.DataAnnotations;
using System.Globalization;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sso.IdentityServer.Clients.AdminPages;

/// <summary>The client edit form: lists are one per line (URIs) or space-separated (scopes), lifetimes "hh:mm:ss".</summary>
public sealed class ClientForm
{
    private static readonly char[] Lines = ['\r', '\n'];

    [Display(Name = "Client id")]
    public string ClientId { get; set; } = "";

    [Display(Name = "Display name")]
    public string? DisplayName { get; set; }

    [Display(Name = "Type")]
    public string Type { get; set; } = "confidential";

    [Display(Name = "Consent")]
    public string ConsentType { get; set; } = ConsentTypes.Explicit;

    [Display(Name = "Code flow (authorization_code)")]
    public bool AuthorizationCode { get; set; }

    [Display(Name = "Refresh tokens (refresh_token)")]
    public bool RefreshToken { get; set; }

    [Display(Name = "Service (client_credentials)")]
    public bool ClientCredentials { get; set; }

    [Display(Name = "Redirect URIs (one per line)")]
    public string? RedirectUris { get; set; }

    [Display(Name = "Post-logout redirect URIs (one per line)")]
    public string? PostLogoutRedirectUris { get; set; }

    [Display(Name = "Back-channel logout URI")]
    public string? BackChannelLogoutUri { get; set; }

    [Display(Name = "Scopes (space-separated)")]
    public string? Scopes { get; set; }

    [Display(Name = "Access token lifetime")]
    public string? AccessTokenLifetime { get; set; }

    [Display(Name = "Identity token lifetime")]
    public string? IdentityTokenLifetime { get; set; }

    [Display(Name = "Authorization code lifetime")]
    public string? AuthorizationCodeLifetime { get; set; }

    [Display(Name = "Refresh token lifetime")]
    public string? RefreshTokenLifetime { get; set; }

    public static ClientForm From(ClientDefinition client)
    {
        ArgumentNullException.ThrowIfNull(client);
        return new ClientForm
        {
            ClientId = client.ClientId,
            DisplayName = client.DisplayName,
            Type = client.Type == ClientType.Public ? "public" : "confidential",
            ConsentType = client.ConsentType,
            AuthorizationCode = client.GrantTypes.Contains(GrantTypes.AuthorizationCode),
            RefreshToken = client.GrantTypes.Contains(GrantTypes.RefreshToken),
            ClientCredentials = client.GrantTypes.Contains(GrantTypes.ClientCredentials),
            RedirectUris = string.Join('\n', client.RedirectUris),
            PostLogoutRedirectUris = string.Join('\n', client.PostLogoutRedirectUris),
            BackChannelLogoutUri = client.BackChannelLogoutUri,
            Scopes = string.Join(' ', client.Scopes),
            AccessTokenLifetime = Format(client.TokenLifetimes.AccessToken),
            IdentityTokenLifetime = Format(client.TokenLifetimes.IdentityToken),
            AuthorizationCodeLifetime = Format(client.TokenLifetimes.AuthorizationCode),
            RefreshTokenLifetime = Format(client.TokenLifetimes.RefreshToken),
        };
    }

    /// <summary>The client the form describes, or the fields that could not be read (form field name → message).</summary>
    public (ClientDefinition? Client, Dictionary<string, string> Errors) ToDefinition(string clientId)
    {
        var errors = new Dictionary<string, string>();
        var type = Type switch
        {
            "confidential" => ClientType.Confidential,
            "public" => ClientType.Public,
            _ => (ClientType?)null,
        };
        if (type is null)
        {
            errors[nameof(Type)] = "client type must be 'confidential' or 'public'";
        }

        var lifetimes = new ClientTokenLifetimes
        {
            AccessToken = Parse(nameof(AccessTokenLifetime), AccessTokenLifetime),
            IdentityToken = Parse(nameof(IdentityTokenLifetime), IdentityTokenLifetime),
            AuthorizationCode = Parse(nameof(AuthorizationCodeLifetime), AuthorizationCodeLifetime),
            RefreshToken = Parse(nameof(RefreshTokenLifetime), RefreshTokenLifetime),
        };
        if (errors.Count > 0)
        {
            return (null, errors);
        }

        var grants = new List<string>();
        if (AuthorizationCode)
        {
            grants.Add(GrantTypes.AuthorizationCode);
        }

        if (RefreshToken)
        {
            grants.Add(GrantTypes.RefreshToken);
        }

        if (ClientCredentials)
        {
            grants.Add(GrantTypes.ClientCredentials);
        }

        return (new ClientDefinition
        {
            ClientId = clientId,
            DisplayName = string.IsNullOrWhiteSpace(DisplayName) ? null : DisplayName.Trim(),
            Type = type!.Value,
            ConsentType = ConsentType,
            GrantTypes = grants,
            RedirectUris = SplitLines(RedirectUris),
            PostLogoutRedirectUris = SplitLines(PostLogoutRedirectUris),
            BackChannelLogoutUri = string.IsNullOrWhiteSpace(BackChannelLogoutUri) ? null : BackChannelLogoutUri.Trim(),
            Scopes = (Scopes ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            TokenLifetimes = lifetimes,
        }, errors);

        TimeSpan? Parse(string field, string? value)
        {
            if (string.IsNullOrWhiteSpace(value))
            {
                return null;
            }

            if (TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var lifetime))
            {
                return lifetime;
            }

            errors[field] = $"'{value}' is not a time span (hh:mm:ss)";
            return null;
        }
    }

    /// <summary>The form field a validation error belongs under.</summary>
    public static string FieldOf(ClientField field) => field switch
    {
        ClientField.ClientSecret => nameof(Type),
        ClientField.ClientType => nameof(Type),
        ClientField.GrantTypes => nameof(AuthorizationCode),
        _ => field.ToString(),
    };

    private static string[] SplitLines(string? value) =>
        (value ?? "").Split(Lines, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static string? Format(TimeSpan? value) => value?.ToString("c", CultureInfo.InvariantCulture);
}
