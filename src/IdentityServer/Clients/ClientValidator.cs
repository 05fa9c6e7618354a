using System.Text.RegularExpressions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sso.IdentityServer.Clients;

/// <summary>
/// The one set of rules every registration path applies (SECURITY.md, "Client registration input"):
/// each client gets only the grants and scopes it needs, goes only to URIs that are safe, and a
/// client that cannot keep a secret gets none. Pure: the database checks (id taken, scopes that
/// exist) come in through <see cref="ClientValidationContext"/> and <see cref="ClientRegistry"/>.
/// </summary>
public static partial class ClientValidator
{
    public const int MaxClientIdLength = 100;
    public const int MaxDisplayNameLength = 200;
    public const int MaxUris = 20;
    public const int MaxScopes = 50;

    /// <summary>Only the code flow (with PKCE), refresh tokens and client credentials (RFC 9700 §2.1.2, §2.4).</summary>
    public static IReadOnlyList<string> KnownGrantTypes { get; } = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken, GrantTypes.ClientCredentials];

    /// <summary>The OpenID Connect scopes the server always knows.</summary>
    public static IReadOnlyList<string> StandardScopes { get; } = [Scopes.OpenId, Scopes.Profile, Scopes.Email, Scopes.Roles, Scopes.OfflineAccess];

    public static IReadOnlyList<ClientValidationError> Validate(ClientDefinition client, ClientValidationContext context)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(context);
        var errors = new List<ClientValidationError>();
        void Fail(ClientField field, string message) => errors.Add(new ClientValidationError(field, message));
        var policy = context.Policy;

        if (CheckClientId(client.ClientId) is { } idProblem)
        {
            Fail(ClientField.ClientId, $"client id {idProblem}");
        }

        if (client.DisplayName is { } name && (name.Length > MaxDisplayNameLength || name.Any(char.IsControl)))
        {
            Fail(ClientField.DisplayName, $"display name must be at most {MaxDisplayNameLength} characters without control characters");
        }

        if (!Enum.IsDefined(client.Type))
        {
            Fail(ClientField.ClientType, "client type must be 'confidential' or 'public'");
        }

        if (client.ConsentType is not (ConsentTypes.Explicit or ConsentTypes.Implicit))
        {
            Fail(ClientField.ConsentType, "consent type must be 'explicit' (consent page) or 'implicit' (first-party, no consent page)");
        }
        else if (client.ConsentType == ConsentTypes.Implicit && !policy.AllowImplicitConsent)
        {
            Fail(ClientField.ConsentType, "consent type must be 'explicit': people are always asked before a self-registered client gets their data");
        }

        ValidateGrants(client, policy, Fail);
        ValidateUris(client, policy, Fail);
        ValidateScopes(client, context, Fail);
        ValidateLifetimes(client, context, Fail);
        return errors;
    }

    /// <summary>Null when <paramref name="clientId"/> is acceptable as a client id, else why not.</summary>
    public static string? CheckClientId(string? clientId)
    {
        if (string.IsNullOrEmpty(clientId))
        {
            return "is required";
        }

        if (clientId.Length > MaxClientIdLength || !ClientIdCharacters().IsMatch(clientId))
        {
            return $"must be 1 to {MaxClientIdLength} characters of letters, digits, '.', '_', '-' or '~'";
        }

        // A client-credentials token's subject is the client id and a person's is their user id
        // (a GUID): GUID-shaped client ids are reserved so the two can never be confused.
        if (Guid.TryParse(clientId, out _))
        {
            return "must not look like a GUID: those are user ids, which a client id must never collide with";
        }

        return null;
    }

    private static void ValidateGrants(ClientDefinition client, ClientPolicy policy, Action<ClientField, string> fail)
    {
        foreach (var grant in client.GrantTypes.Where(grant => !KnownGrantTypes.Contains(grant, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal))
        {
            fail(ClientField.GrantTypes, $"grant type '{grant}' is not supported (only {string.Join(", ", KnownGrantTypes)})");
        }

        var codeFlow = client.GrantTypes.Contains(GrantTypes.AuthorizationCode);
        var clientCredentials = client.GrantTypes.Contains(GrantTypes.ClientCredentials);
        if (client.GrantTypes.Contains(GrantTypes.RefreshToken) && !codeFlow)
        {
            fail(ClientField.GrantTypes, "grant type refresh_token needs authorization_code: refresh tokens are only issued to people's sessions");
        }

        if (clientCredentials && client.Type == ClientType.Public)
        {
            fail(ClientField.GrantTypes, "a public client cannot use client_credentials: it has no secret to prove who it is");
        }
        else if (clientCredentials && !policy.AllowClientCredentials)
        {
            fail(ClientField.GrantTypes, "grant type client_credentials is not allowed for self-registered clients");
        }

        if (codeFlow && client.RedirectUris.Count == 0)
        {
            fail(ClientField.RedirectUris, "at least one redirect URI is needed for authorization_code");
        }
    }

    private static void ValidateUris(ClientDefinition client, ClientPolicy policy, Action<ClientField, string> fail)
    {
        var codeFlow = client.GrantTypes.Contains(GrantTypes.AuthorizationCode);
        Check(ClientField.RedirectUris, "redirect URI", client.RedirectUris);
        Check(ClientField.PostLogoutRedirectUris, "post-logout redirect URI", client.PostLogoutRedirectUris);

        // Logout tokens go server to server; the same transport rule as redirect URIs applies
        // (https, or http on loopback where loopback redirect URIs are allowed).
        if (client.BackChannelLogoutUri is { } logout)
        {
            if (RedirectUriRules.Check(logout, policy.AllowLoopbackHttp) is { } problem)
            {
                fail(ClientField.BackChannelLogoutUri, $"back-channel logout URI '{Shorten(logout)}' {problem}");
            }
            else if (!codeFlow)
            {
                fail(ClientField.BackChannelLogoutUri, "a back-channel logout URI is only for clients that sign people in (authorization_code)");
            }
        }

        void Check(ClientField field, string what, IReadOnlyList<string> uris)
        {
            if (uris.Count > MaxUris)
            {
                fail(field, $"at most {MaxUris} {what}s");
                return;
            }

            if (uris.Count > 0 && !codeFlow)
            {
                fail(field, $"{what}s are only for clients that use authorization_code");
            }

            foreach (var uri in uris)
            {
                if (RedirectUriRules.Check(uri, policy.AllowLoopbackHttp) is { } problem)
                {
                    fail(field, $"{what} '{Shorten(uri)}' {problem}");
                }
            }
        }
    }

    private static void ValidateScopes(ClientDefinition client, ClientValidationContext context, Action<ClientField, string> fail)
    {
        if (client.Scopes.Count > MaxScopes)
        {
            fail(ClientField.Scopes, $"at most {MaxScopes} scopes");
            return;
        }

        var codeFlow = client.GrantTypes.Contains(GrantTypes.AuthorizationCode);
        foreach (var scope in client.Scopes.Distinct(StringComparer.Ordinal))
        {
            if (context.KnownScopes is { } known && !known.Contains(scope))
            {
                fail(ClientField.Scopes, $"scope '{Shorten(scope)}' is not registered (add it with 'scopes add' first)");
            }
            else if (scope == AdminScope.Name && (!context.Policy.AllowAdminScope || client.Type == ClientType.Public || codeFlow
                                                  || !client.GrantTypes.Contains(GrantTypes.ClientCredentials)))
            {
                // A person's token must never carry it: anyone who can sign in at such a client
                // would administer the server.
                fail(ClientField.Scopes, $"scope '{scope}' is only for confidential services (client_credentials, no authorization_code) registered by an operator");
            }
            else if (context.Policy.AllowedScopes is { } allowed && !allowed.Contains(scope))
            {
                fail(ClientField.Scopes, $"scope '{scope}' is not allowed for self-registered clients");
            }
            else if (!codeFlow && StandardScopes.Contains(scope))
            {
                fail(ClientField.Scopes, $"scope '{scope}' is about a person and needs authorization_code");
            }
        }
    }

    private static void ValidateLifetimes(ClientDefinition client, ClientValidationContext context, Action<ClientField, string> fail)
    {
        var lifetimes = client.TokenLifetimes;
        var server = context.ServerLifetimes;
        Check(ClientField.AccessTokenLifetime, "access token lifetime", lifetimes.AccessToken, server.AccessToken, "AccessToken");
        Check(ClientField.IdentityTokenLifetime, "identity token lifetime", lifetimes.IdentityToken, server.IdentityToken, "IdentityToken");
        Check(ClientField.AuthorizationCodeLifetime, "authorization code lifetime", lifetimes.AuthorizationCode, server.AuthorizationCode, "AuthorizationCode");
        Check(ClientField.RefreshTokenLifetime, "refresh token lifetime", lifetimes.RefreshToken, server.RefreshTokenSliding, "RefreshTokenSliding");

        void Check(ClientField field, string what, TimeSpan? value, TimeSpan ceiling, string key)
        {
            if (value is not { } lifetime)
            {
                return;
            }

            if (!context.Policy.AllowTokenLifetimes)
            {
                fail(field, $"{what} cannot be chosen by a self-registered client");
            }
            else if (lifetime < TimeSpan.FromSeconds(5) || lifetime > ceiling)
            {
                fail(field, $"{what} must be between 00:00:05 and the server's TokenLifetimes:{key} ({ceiling:c})");
            }
        }
    }

    private static string Shorten(string value) => value.Length <= 80 ? value : value[..80] + "…";

    [GeneratedRegex("^[A-Za-z0-9._~-]+$")]
    private static partial Regex ClientIdCharacters();
}
