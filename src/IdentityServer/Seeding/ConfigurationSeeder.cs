using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using Sso.IdentityServer.Accounts;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sso.IdentityServer.Seeding;

/// <summary>
/// Creates or updates what <see cref="SeedOptions"/> declares. Idempotent: running it twice changes
/// nothing, and editing the configuration then restarting updates the entries in place.
/// </summary>
public sealed class ConfigurationSeeder(
    IOptions<SeedOptions> options,
    UserManager<SsoUser> users,
    RoleManager<IdentityRole> roles,
    IOpenIddictScopeManager scopes,
    IOpenIddictApplicationManager applications,
    ILogger<ConfigurationSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var seed = options.Value;
        foreach (var scope in seed.Scopes)
        {
            await SeedScopeAsync(scope, cancellationToken);
        }

        foreach (var client in seed.Clients)
        {
            await SeedClientAsync(client, cancellationToken);
        }

        foreach (var user in seed.Users)
        {
            await SeedUserAsync(user);
        }

        logger.LogInformation("Seeded {Scopes} scopes, {Clients} clients and {Users} users from configuration",
            seed.Scopes.Count, seed.Clients.Count, seed.Users.Count);
    }

    private async Task SeedScopeAsync(SeedScope seed, CancellationToken cancellationToken)
    {
        var descriptor = new OpenIddictScopeDescriptor { Name = seed.Name, DisplayName = seed.DisplayName, Description = seed.Description };
        descriptor.Resources.UnionWith(seed.Resources);
        var existing = await scopes.FindByNameAsync(seed.Name, cancellationToken);
        if (existing is null)
        {
            await scopes.CreateAsync(descriptor, cancellationToken);
        }
        else
        {
            await scopes.UpdateAsync(existing, descriptor, cancellationToken);
        }
    }

    private async Task SeedClientAsync(SeedClient seed, CancellationToken cancellationToken)
    {
        var existing = await applications.FindByClientIdAsync(seed.ClientId, cancellationToken);
        var descriptor = new OpenIddictApplicationDescriptor();
        if (existing is not null)
        {
            await applications.PopulateAsync(descriptor, existing, cancellationToken);
        }

        var secretUnchanged = existing is not null && seed.ClientSecret is not null
            && await applications.ValidateClientSecretAsync(existing, seed.ClientSecret, cancellationToken);
        ClientDescriptors.Describe(seed, descriptor, keepStoredSecret: secretUnchanged);

        if (existing is null)
        {
            await applications.CreateAsync(descriptor, cancellationToken);
        }
        else
        {
            await applications.UpdateAsync(existing, descriptor, cancellationToken);
        }
    }

    private async Task SeedUserAsync(SeedUser seed)
    {
        foreach (var role in seed.Roles.Where(role => !string.IsNullOrWhiteSpace(role)))
        {
            if (!await roles.RoleExistsAsync(role))
            {
                Ensure(await roles.CreateAsync(new IdentityRole(role)), $"role {role}");
            }
        }

        var user = await users.FindByNameAsync(seed.UserName);
        if (user is null)
        {
            user = new SsoUser { UserName = seed.UserName, DisplayName = seed.DisplayName, Email = seed.Email, EmailConfirmed = seed.Email is not null };
            Ensure(await users.CreateAsync(user, seed.Password), $"user {seed.UserName}");
        }
        else
        {
            user.DisplayName = seed.DisplayName;
            user.Email = seed.Email;
            user.EmailConfirmed = seed.Email is not null;
            Ensure(await users.UpdateAsync(user), $"user {seed.UserName}");
            if (!await users.CheckPasswordAsync(user, seed.Password))
            {
                var token = await users.GeneratePasswordResetTokenAsync(user);
                Ensure(await users.ResetPasswordAsync(user, token, seed.Password), $"password of {seed.UserName}");
            }
        }

        var missingRoles = seed.Roles.Except(await users.GetRolesAsync(user)).ToList();
        if (missingRoles.Count > 0)
        {
            Ensure(await users.AddToRolesAsync(user, missingRoles), $"roles of {seed.UserName}");
        }
    }

    private static void Ensure(IdentityResult result, string what)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"Seeding {what} failed: {string.Join(" ", result.Errors.Select(error => error.Description))}");
        }
    }
}
