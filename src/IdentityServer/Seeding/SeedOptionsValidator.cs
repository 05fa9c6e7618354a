using Microsoft.Extensions.Options;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sso.IdentityServer.Seeding;

/// <summary>Refuses a seed configuration that would register an unsafe or broken client.</summary>
public sealed class SeedOptionsValidator : IValidateOptions<SeedOptions>
{
    private static readonly string[] KnownGrantTypes = [GrantTypes.AuthorizationCode, GrantTypes.RefreshToken, GrantTypes.ClientCredentials];

    public ValidateOptionsResult Validate(string? name, SeedOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Users.Count; i++)
        {
            var user = options.Users[i];
            if (string.IsNullOrWhiteSpace(user.UserName) || string.IsNullOrEmpty(user.Password))
            {
                failures.Add($"Seed:Users:{i} needs a UserName and a Password.");
            }
        }

        for (var i = 0; i < options.Scopes.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(options.Scopes[i].Name) || options.Scopes[i].Name.Contains(' ', StringComparison.Ordinal))
            {
                failures.Add($"Seed:Scopes:{i}:Name must be a single word.");
            }
        }

        for (var i = 0; i < options.Clients.Count; i++)
        {
            var client = options.Clients[i];
            var key = $"Seed:Clients:{i}";
            if (string.IsNullOrWhiteSpace(client.ClientId))
            {
                failures.Add($"{key}:ClientId is required.");
            }

            if (client.ConsentType is not (ConsentTypes.Explicit or ConsentTypes.Implicit))
            {
                failures.Add($"{key}:ConsentType must be 'explicit' or 'implicit'.");
            }

            failures.AddRange(client.GrantTypes.Where(grant => !KnownGrantTypes.Contains(grant))
                .Select(grant => $"{key}:GrantTypes: unknown grant type '{grant}'."));
            if (client.ClientSecret is null && client.GrantTypes.Contains(GrantTypes.ClientCredentials))
            {
                failures.Add($"{key}: a public client (no ClientSecret) cannot use client_credentials.");
            }

            failures.AddRange(client.RedirectUris.Concat(client.PostLogoutRedirectUris)
                .Where(uri => !IsSafeRedirectUri(uri))
                .Select(uri => $"{key}: redirect URI '{uri}' must be absolute, https (http only on loopback), without fragment or wildcard."));
            if (client.BackChannelLogoutUri is { } logoutUri && !IsSafeRedirectUri(logoutUri))
            {
                failures.Add($"{key}:BackChannelLogoutUri '{logoutUri}' must be absolute, https (http only on loopback), without fragment or wildcard.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsSafeRedirectUri(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri)
        && string.IsNullOrEmpty(uri.Fragment)
        && !value.Contains('*', StringComparison.Ordinal)
        && (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback));
}
