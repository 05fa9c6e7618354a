using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Sso.IdentityServer.Accounts;
using Xunit;

namespace Sso.Tests.Support;

/// <summary>A person made for one test, so what the test does to them (sessions ended, password changed) touches nobody else.</summary>
public sealed record TestUser(string Id, string UserName, string Password, string DisplayName);

public static class TestUsers
{
    /// <summary>Creates a user with a random name in <paramref name="system"/>'s identity server.</summary>
    public static async Task<TestUser> CreateUserAsync(this SsoSystem system, string prefix = "user", string password = "first-test-passphrase")
    {
        ArgumentNullException.ThrowIfNull(system);
        await using var scope = system.ServerServices.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SsoUser>>();
        var userName = $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
        var user = new SsoUser { UserName = userName, DisplayName = $"Test {userName}", Email = $"{userName}@example.test" };
        var created = await users.CreateAsync(user, password);
        Assert.True(created.Succeeded, string.Join(" ", created.Errors.Select(error => error.Description)));
        return new TestUser(user.Id, userName, password, user.DisplayName);
    }

    /// <summary>The id of a seeded user, for admin page URLs.</summary>
    public static async Task<string> UserIdOfAsync(this SsoSystem system, string userName)
    {
        ArgumentNullException.ThrowIfNull(system);
        await using var scope = system.ServerServices.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SsoUser>>();
        return (await users.FindByNameAsync(userName))?.Id ?? throw new InvalidOperationException($"No user {userName}.");
    }
}
