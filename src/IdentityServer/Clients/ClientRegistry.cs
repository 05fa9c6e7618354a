using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using Sso.IdentityServer.Data;
using Sso.IdentityServer.Protocol;

namespace Sso.IdentityServer.Clients;

/// <summary>
/// The one service that registers, changes and deletes clients. Every path (configuration, command
/// line, admin API, dynamic registration, admin pages) goes through it, so all of them accept and
/// refuse exactly the same things (<see cref="ClientValidator"/>), and secrets are always generated
/// here, shown once and stored hashed.
/// </summary>
public sealed class ClientRegistry(
    IOpenIddictApplicationManager applications,
    ScopeRegistry scopes,
    SsoDbContext db,
    IOptions<TokenLifetimeOptions> lifetimes)
{
    public async Task<IReadOnlyList<RegisteredClient>> ListAsync(CancellationToken cancellationToken = default)
    {
        var clients = new List<RegisteredClient>();
        await foreach (var application in applications.ListAsync(cancellationToken: cancellationToken))
        {
            clients.Add(await ToRegisteredAsync(application, cancellationToken));
        }

        return [.. clients.OrderBy(client => client.ClientId, StringComparer.Ordinal)];
    }

    public async Task<RegisteredClient?> FindAsync(string clientId, CancellationToken cancellationToken = default)
    {
        var application = await FindApplicationAsync(clientId, cancellationToken);
        return application is null ? null : await ToRegisteredAsync(application, cancellationToken);
    }

    /// <summary>Registers a new client; a confidential one gets a generated secret, returned this once.</summary>
    /// <param name="properties">Extra properties to store with it (the RFC 7592 registration token hash).</param>
    public async Task<ClientRegistered> RegisterAsync(ClientDefinition client, ClientSource source, ClientPolicy policy,
        IReadOnlyDictionary<string, string>? properties = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        await ValidateAsync(client, policy, isNew: true, cancellationToken);
        var secret = client.Type == ClientType.Confidential ? ClientSecrets.Generate() : null;
        var descriptor = new OpenIddictApplicationDescriptor { ClientSecret = secret };
        ClientDescriptors.Describe(client, descriptor);
        ClientDescriptors.SetSource(descriptor, source);
        SetProperties(descriptor, properties);

        await CreateAsync(descriptor, client.ClientId, cancellationToken);
        return new ClientRegistered(new RegisteredClient(client, source, secret is not null), secret);
    }

    /// <summary>
    /// Replaces a client's settings. Its secret stays, unless the client becomes public (the secret
    /// is dropped) or confidential (a secret is generated and returned this once). Null when there is no such client.
    /// </summary>
    /// <param name="properties">Extra properties to store with it.</param>
    public async Task<ClientRegistered?> UpdateAsync(ClientDefinition client, ClientPolicy policy,
        IReadOnlyDictionary<string, string>? properties = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var application = await FindApplicationAsync(client.ClientId, cancellationToken);
        if (application is null)
        {
            return null;
        }

        await ValidateAsync(client, policy, isNew: false, cancellationToken);
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        var wasConfidential = descriptor.ClientType == OpenIddictConstants.ClientTypes.Confidential;
        string? newSecret = null;
        if (client.Type == ClientType.Public)
        {
            descriptor.ClientSecret = null;
        }
        else if (!wasConfidential)
        {
            newSecret = ClientSecrets.Generate();
            descriptor.ClientSecret = newSecret;
        }

        ClientDescriptors.Describe(client, descriptor);
        SetProperties(descriptor, properties);
        await applications.UpdateAsync(application, descriptor, cancellationToken);
        var stored = await ToRegisteredAsync(application, cancellationToken);
        return new ClientRegistered(stored, newSecret);
    }

    /// <summary>Deletes a client with its authorizations and tokens (OpenIddict's store removes them too). False when there was none.</summary>
    public async Task<bool> DeleteAsync(string clientId, CancellationToken cancellationToken = default)
    {
        var application = await FindApplicationAsync(clientId, cancellationToken);
        if (application is null)
        {
            return false;
        }

        await applications.DeleteAsync(application, cancellationToken);
        return true;
    }

    /// <summary>
    /// Gives a confidential client a new generated secret, returned this once; the old one stops
    /// working at once. Null when there is no such client.
    /// </summary>
    public async Task<ClientRegistered?> RotateSecretAsync(string clientId, CancellationToken cancellationToken = default)
    {
        var application = await FindApplicationAsync(clientId, cancellationToken);
        if (application is null)
        {
            return null;
        }

        if (!await applications.HasClientTypeAsync(application, OpenIddictConstants.ClientTypes.Confidential, cancellationToken))
        {
            throw new ClientValidationException(ClientField.ClientSecret, "a public client has no secret to rotate");
        }

        var secret = ClientSecrets.Generate();
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        descriptor.ClientSecret = secret;
        await applications.UpdateAsync(application, descriptor, cancellationToken);
        return new ClientRegistered(await ToRegisteredAsync(application, cancellationToken), secret);
    }

    /// <summary>
    /// Creates or updates a client declared in configuration. Configuration is the one path where a
    /// person may choose the secret (a demo secret, or one from a secret store); it is still stored hashed.
    /// </summary>
    /// <returns>True when the client was created.</returns>
    public async Task<bool> SyncFromConfigurationAsync(ClientDefinition client, string? secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        var application = await FindApplicationAsync(client.ClientId, cancellationToken);
        await ValidateAsync(client, ClientPolicy.Operator, isNew: application is null, cancellationToken);
        var descriptor = new OpenIddictApplicationDescriptor();
        if (application is not null)
        {
            await applications.PopulateAsync(descriptor, application, cancellationToken);
        }

        // Re-hashing an unchanged secret at every start would be harmless but pointless work.
        var secretUnchanged = application is not null && secret is not null
            && await applications.ValidateClientSecretAsync(application, secret, cancellationToken);
        if (!secretUnchanged)
        {
            descriptor.ClientSecret = secret;
        }

        ClientDescriptors.Describe(client, descriptor);
        ClientDescriptors.SetSource(descriptor, ClientSource.Configuration);
        if (application is null)
        {
            await CreateAsync(descriptor, client.ClientId, cancellationToken);
            return true;
        }

        await applications.UpdateAsync(application, descriptor, cancellationToken);
        return false;
    }

    /// <summary>Deletes clients that came from configuration and are no longer declared there; others are never touched.</summary>
    public async Task<IReadOnlyList<string>> PruneConfigurationClientsAsync(IReadOnlySet<string> declared, CancellationToken cancellationToken = default)
    {
        var pruned = new List<string>();
        foreach (var client in await ListAsync(cancellationToken))
        {
            if (client.Source == ClientSource.Configuration && !declared.Contains(client.ClientId))
            {
                await DeleteAsync(client.ClientId, cancellationToken);
                pruned.Add(client.ClientId);
            }
        }

        return pruned;
    }

    /// <summary>A string property stored with the client (null when unset or no such client).</summary>
    public async Task<string?> GetPropertyAsync(string clientId, string name, CancellationToken cancellationToken = default)
    {
        var application = await FindApplicationAsync(clientId, cancellationToken);
        if (application is null)
        {
            return null;
        }

        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        return ClientDescriptors.Property(descriptor, name);
    }

    /// <summary>Checks a secret the way the token endpoint does.</summary>
    public async Task<bool> ValidateSecretAsync(string clientId, string secret, CancellationToken cancellationToken = default)
    {
        var application = await FindApplicationAsync(clientId, cancellationToken);
        return application is not null && !string.IsNullOrEmpty(secret)
            && await applications.ValidateClientSecretAsync(application, secret, cancellationToken);
    }

    private async Task ValidateAsync(ClientDefinition client, ClientPolicy policy, bool isNew, CancellationToken cancellationToken)
    {
        var context = new ClientValidationContext(await scopes.KnownNamesAsync(cancellationToken), lifetimes.Value, policy);
        var errors = ClientValidator.Validate(client, context).ToList();
        if (errors.Count == 0 && isNew)
        {
            if (await FindApplicationAsync(client.ClientId, cancellationToken) is not null)
            {
                errors.Add(new ClientValidationError(ClientField.ClientId, $"client id '{client.ClientId}' is already registered"));
            }
            else if (await db.Users.AnyAsync(user => user.Id == client.ClientId || user.UserName == client.ClientId, cancellationToken))
            {
                // A service's tokens carry its client id as subject: it must never name a person.
                errors.Add(new ClientValidationError(ClientField.ClientId, $"client id '{client.ClientId}' is a user's id or name"));
            }
        }

        if (errors.Count > 0)
        {
            throw new ClientValidationException(errors);
        }
    }

    private async Task CreateAsync(OpenIddictApplicationDescriptor descriptor, string clientId, CancellationToken cancellationToken)
    {
        try
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Two registrations of the same id at once: the unique index decides, the loser hears why.
            throw new ClientValidationException(ClientField.ClientId, $"client id '{clientId}' is already registered");
        }
    }

    private static void SetProperties(OpenIddictApplicationDescriptor descriptor, IReadOnlyDictionary<string, string>? properties)
    {
        foreach (var (name, value) in properties ?? new Dictionary<string, string>())
        {
            descriptor.Properties[name] = System.Text.Json.JsonSerializer.SerializeToElement(value);
        }
    }

    private async Task<object?> FindApplicationAsync(string clientId, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(clientId) ? null : await applications.FindByClientIdAsync(clientId, cancellationToken);

    private async Task<RegisteredClient> ToRegisteredAsync(object application, CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictApplicationDescriptor();
        await applications.PopulateAsync(descriptor, application, cancellationToken);
        return new RegisteredClient(ClientDescriptors.Read(descriptor), ClientDescriptors.SourceOf(descriptor), !string.IsNullOrEmpty(descriptor.ClientSecret));
    }
}
