using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Sso.IdentityServer.Accounts;
using Sso.IdentityServer.Clients;

namespace Sso.IdentityServer.Seeding;

/// <summary>
/// Creates or updates what <see cref="SeedOptions"/> declares, through the same registries as every
/// other registration path. Idempotent: running it twice changes
/// nothing, and editing the configuration then restarting updates the entries in place.
/// </summary>
public sealed class ConfigurationSeeder(
    IOptions<SeedOptions> options,
    UserManager<SsoUser> users,
    RoleManager<IdentityRole> roles,
    ScopeRegistry scopes,
    ClientRegistry clients,
    ILogger<ConfigurationSeeder> logger)
{
    public async Task SeedAsync(CancellationToken cancellationToken = default)
    {
        var seed = options.Value;
        await scopes.EnsureAdminScopeAsync(cancellationToken);
        for (var i = 0; i < seed.Scopes.Count; i++)
        {
            try
            {
                await scopes.SyncAsync(seed.Scopes[i].ToDefinition(), cancellationToken);
            }
            catch (ScopeValidationException refused)
            {
                throw new InvalidOperationException($"Seed:Scopes:{i}: {refused.Message}.", refused);
            }
        }

        for (var i = 0; i < seed.Clients.Count; i++)
        {
            try
            {
                await clients.SyncFromConfigurationAsync(seed.Clients[i].ToDefinition(), seed.Clients[i].ClientSecret, cancellationToken);
            }
            catch (ClientValidationException refused)
            {
                throw new InvalidOperationException(string.Join(" ", refused.Errors.Select(error =>
                    $"Seed:Clients:{i}:{SeedOptionsValidator.KeyOf(error.Field)}: {error.Message}.")), refused);
            }
        }

        if (seed.PruneClients)
        {
            var pruned = await clients.PruneConfigurationClientsAsync(
                seed.Clients.Select(client => client.ClientId).ToHashSet(StringComparer.Ordinal), cancellationToken);
            if (pruned.Count > 0)
            {
                logger.LogWarning("Seed:PruneClients deleted clients no longer in configuration: {Clients}", string.Join(", ", pruned));
            }
        }

        foreach (var user in seed.Users)
        {
            await SeedUserAsync(user);
        }

        logger.LogInformation("Seeded {Scopes} scopes, {Clients} clients and {Users} users from configuration",
            seed.Scopes.Count, seed.Clients.Count, seed.Users.Count);
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
