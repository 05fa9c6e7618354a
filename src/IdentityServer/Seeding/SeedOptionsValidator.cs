using Microsoft.Extensions.Options;
using Sso.IdentityServer.Clients;
using Sso.IdentityServer.Protocol;

namespace Sso.IdentityServer.Seeding;

/// <summary>
/// Refuses a seed configuration that would register an unsafe or broken client, with the same
/// rules as every other registration path (<see cref="ClientValidator"/>), before the server starts.
/// Whether each scope exists is checked against the database when the clients are seeded.
/// </summary>
public sealed class SeedOptionsValidator(IOptions<TokenLifetimeOptions> lifetimes) : IValidateOptions<SeedOptions>
{
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

        var context = new ClientValidationContext(KnownScopes: null, lifetimes.Value, ClientPolicy.Operator);
        for (var i = 0; i < options.Clients.Count; i++)
        {
            var client = options.Clients[i];
            var key = $"Seed:Clients:{i}";
            failures.AddRange(ClientValidator.Validate(client.ToDefinition(), context)
                .Select(error => $"{key}:{KeyOf(error.Field)}: {error.Message}."));
            if (client.ClientSecret is { Length: 0 })
            {
                failures.Add($"{key}:ClientSecret must not be empty (leave it out for a public client).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The configuration key of a field, as it is written under Seed:Clients:N.</summary>
    public static string KeyOf(ClientField field) => field switch
    {
        ClientField.ClientType or ClientField.ClientSecret => nameof(SeedClient.ClientSecret),
        ClientField.AccessTokenLifetime => nameof(SeedClient.AccessTokenLifetime),
        ClientField.IdentityTokenLifetime => nameof(SeedClient.IdentityTokenLifetime),
        ClientField.AuthorizationCodeLifetime => nameof(SeedClient.AuthorizationCodeLifetime),
        ClientField.RefreshTokenLifetime => nameof(SeedClient.RefreshTokenLifetime),
        _ => field.ToString(),
    };
}
