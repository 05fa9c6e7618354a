using System.CommandLine;
using System.Globalization;
using Sso.IdentityServer.Data;
using Sso.IdentityServer.Keys;

namespace Sso.IdentityServer.CommandLine;

/// <summary><c>keys list</c> and <c>keys rotate</c>.</summary>
public static class KeysCommand
{
    public static Command Create(Func<ServiceProvider> services, TextWriter output)
    {
        var keys = new Command("keys", "Signing and encryption keys.");

        var list = new Command("list", "List the stored keys and when each activates.");
        list.SetAction(async (_, cancellationToken) =>
        {
            await using var provider = services();
            await provider.MigrateDatabaseAsync(cancellationToken);
            await using var scope = provider.CreateAsyncScope();
            var stored = await scope.ServiceProvider.GetRequiredService<ServerKeyRotator>().ListAsync(cancellationToken);
            await output.WriteLineAsync("kid                      use         alg     activates (UTC)");
            foreach (var key in stored)
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"{key.Id,-24} {key.Use,-11} {key.Algorithm,-7} {key.ActivatesAt.UtcDateTime:u}"));
            }

            return 0;
        });

        var activateIn = new Option<TimeSpan?>("--activate-in")
        {
            Description = "How long the new key is published before it signs (default: Keys:ActivationDelay). " +
                          "Use 0 only when the current key is compromised: apps that cached the old JWKS refetch it on the unknown kid.",
        };
        var rotate = new Command("rotate", "Add a new signing key and encryption key; running servers pick them up within Keys:RefreshInterval.");
        rotate.Options.Add(activateIn);
        rotate.SetAction(async (parseResult, cancellationToken) =>
        {
            await using var provider = services();
            await provider.MigrateDatabaseAsync(cancellationToken);
            await using var scope = provider.CreateAsyncScope();
            var key = await scope.ServiceProvider.GetRequiredService<ServerKeyRotator>()
                .RotateAsync(parseResult.GetValue(activateIn), cancellationToken);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"New {key.Algorithm} signing key {key.Id} is published now and signs from {key.ActivatesAt.UtcDateTime:u}."));
            return 0;
        });

        keys.Subcommands.Add(list);
        keys.Subcommands.Add(rotate);
        return keys;
    }
}
