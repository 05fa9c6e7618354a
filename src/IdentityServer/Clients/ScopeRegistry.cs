using System.Text.RegularExpressions;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sso.IdentityServer.Clients;

/// <summary>
/// API scopes and the resources they open. The OpenID Connect scopes (openid, profile, …) are built
/// in and the admin scope is reserved; neither can be changed here.
/// </summary>
public sealed partial class ScopeRegistry(IOpenIddictScopeManager scopes, IOpenIddictApplicationManager applications)
{
    public async Task<IReadOnlyList<ScopeDefinition>> ListAsync(CancellationToken cancellationToken = default)
    {
        var list = new List<ScopeDefinition>();
        await foreach (var scope in scopes.ListAsync(cancellationToken: cancellationToken))
        {
            list.Add(await ToDefinitionAsync(scope, cancellationToken));
        }

        return [.. list.OrderBy(scope => scope.Name, StringComparer.Ordinal)];
    }

    public async Task<ScopeDefinition?> FindAsync(string name, CancellationToken cancellationToken = default)
    {
        var scope = string.IsNullOrEmpty(name) ? null : await scopes.FindByNameAsync(name, cancellationToken);
        return scope is null ? null : await ToDefinitionAsync(scope, cancellationToken);
    }

    /// <summary>Every scope a client may be given: the OpenID Connect ones and the registered ones.</summary>
    public async Task<IReadOnlySet<string>> KnownNamesAsync(CancellationToken cancellationToken = default)
    {
        var names = new HashSet<string>(ClientValidator.StandardScopes, StringComparer.Ordinal);
        await foreach (var scope in scopes.ListAsync(cancellationToken: cancellationToken))
        {
            if (await scopes.GetNameAsync(scope, cancellationToken) is { } name)
            {
                names.Add(name);
            }
        }

        return names;
    }

    public async Task AddAsync(ScopeDefinition scope, CancellationToken cancellationToken = default)
    {
        Validate(scope);
        if (await scopes.FindByNameAsync(scope.Name, cancellationToken) is not null)
        {
            throw new ScopeValidationException("name", $"scope '{scope.Name}' already exists");
        }

        await scopes.CreateAsync(Describe(scope), cancellationToken);
    }

    /// <summary>False when there is no such scope.</summary>
    public async Task<bool> UpdateAsync(ScopeDefinition scope, CancellationToken cancellationToken = default)
    {
        Validate(scope);
        var existing = await scopes.FindByNameAsync(scope.Name, cancellationToken);
        if (existing is null)
        {
            return false;
        }

        await scopes.UpdateAsync(existing, Describe(scope), cancellationToken);
        return true;
    }

    /// <summary>Creates or updates (configuration seeding); the reserved and built-in scopes stay as they are.</summary>
    public async Task SyncAsync(ScopeDefinition scope, CancellationToken cancellationToken = default)
    {
        if (!await UpdateAsync(scope, cancellationToken))
        {
            await scopes.CreateAsync(Describe(scope), cancellationToken);
        }
    }

    /// <summary>Refused while a client may still ask for the scope. False when there is no such scope.</summary>
    public async Task<bool> DeleteAsync(string name, CancellationToken cancellationToken = default)
    {
        CheckNotReserved(name);
        var existing = await scopes.FindByNameAsync(name, cancellationToken);
        if (existing is null)
        {
            return false;
        }

        var users = new List<string>();
        await foreach (var application in applications.ListAsync(cancellationToken: cancellationToken))
        {
            if (await applications.HasPermissionAsync(application, Permissions.Prefixes.Scope + name, cancellationToken))
            {
                users.Add(await applications.GetClientIdAsync(application, cancellationToken) ?? "?");
            }
        }

        if (users.Count > 0)
        {
            throw new ScopeValidationException("name", $"scope '{name}' is still given to {string.Join(", ", users)}: remove it from them first");
        }

        await scopes.DeleteAsync(existing, cancellationToken);
        return true;
    }

    /// <summary>The admin API's scope exists on every server (see <see cref="AdminScope"/>).</summary>
    public async Task EnsureAdminScopeAsync(CancellationToken cancellationToken = default)
    {
        var descriptor = new OpenIddictScopeDescriptor
        {
            Name = AdminScope.Name,
            DisplayName = "Administer the identity server",
            Description = "Register and change client applications and scopes through the admin API",
        };
        descriptor.Resources.Add(AdminScope.Resource);
        var existing = await scopes.FindByNameAsync(AdminScope.Name, cancellationToken);
        if (existing is null)
        {
            await scopes.CreateAsync(descriptor, cancellationToken);
        }
        else
        {
            await scopes.UpdateAsync(existing, descriptor, cancellationToken);
        }
    }

    private static void Validate(ScopeDefinition scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        if (string.IsNullOrEmpty(scope.Name) || scope.Name.Length > 100 || !ScopeToken().IsMatch(scope.Name))
        {
            throw new ScopeValidationException("name", "scope name must be 1 to 100 characters of letters, digits, '.', '_', ':', '/' or '-'");
        }

        CheckNotReserved(scope.Name);
        if (scope.DisplayName is { Length: > 200 })
        {
            throw new ScopeValidationException("displayName", "display name must be at most 200 characters");
        }

        if (scope.Description is { Length: > 1000 })
        {
            throw new ScopeValidationException("description", "description must be at most 1000 characters");
        }

        if (scope.Resources.Count > 20 || scope.Resources.Any(resource => string.IsNullOrEmpty(resource) || resource.Length > 200 || !ScopeToken().IsMatch(resource)))
        {
            throw new ScopeValidationException("resources", "resources must be at most 20 names of letters, digits, '.', '_', ':', '/' or '-'");
        }
    }

    private static void CheckNotReserved(string name)
    {
        if (ClientValidator.StandardScopes.Contains(name) || name == AdminScope.Name)
        {
            throw new ScopeValidationException("name", $"scope '{name}' is built in and cannot be changed");
        }
    }

    private static OpenIddictScopeDescriptor Describe(ScopeDefinition scope)
    {
        var descriptor = new OpenIddictScopeDescriptor { Name = scope.Name, DisplayName = scope.DisplayName, Description = scope.Description };
        descriptor.Resources.UnionWith(scope.Resources);
        return descriptor;
    }

    private async Task<ScopeDefinition> ToDefinitionAsync(object scope, CancellationToken cancellationToken) => new()
    {
        Name = await scopes.GetNameAsync(scope, cancellationToken) ?? "",
        DisplayName = await scopes.GetDisplayNameAsync(scope, cancellationToken),
        Description = await scopes.GetDescriptionAsync(scope, cancellationToken),
        Resources = [.. (await scopes.GetResourcesAsync(scope, cancellationToken)).Order(StringComparer.Ordinal)],
    };

    [GeneratedRegex("^[A-Za-z0-9._:/-]+$")]
    private static partial Regex ScopeToken();
}
