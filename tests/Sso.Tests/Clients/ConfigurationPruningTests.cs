using Sso.Tests.Support;
using Xunit;

namespace Sso.Tests.Clients;

/// <summary>Seed:PruneClients deletes clients dropped from configuration, and nothing registered any other way.</summary>
public sealed class ConfigurationPruningTests(ConfiguredClientsSystem system) : IClassFixture<ConfiguredClientsSystem>
{
    [Fact]
    public async Task AClientDroppedFromConfiguration_StaysUntilPruningIsOn_AndOthersAreNeverPruned()
    {
        Assert.Equal(0, (await system.RunCommandAsync("clients", "add", "cli-survivor", "--grant-type", "client_credentials", "--scope", "orders.read")).ExitCode);

        system.DeclareTemporary = false;
        await system.RestartServerAsync();
        Assert.Equal(0, (await system.RunCommandAsync("clients", "show", ConfiguredClientsSystem.Temporary)).ExitCode);

        system.Prune = true;
        await system.RestartServerAsync();
        var listed = (await system.RunCommandAsync("clients", "list")).Output;

        Assert.DoesNotContain(ConfiguredClientsSystem.Temporary, listed, StringComparison.Ordinal);
        Assert.Contains("cli-survivor", listed, StringComparison.Ordinal);
        Assert.Contains(ConfiguredClientsSystem.ShortLived, listed, StringComparison.Ordinal);
        Assert.Contains(TestAccounts.ClientA, listed, StringComparison.Ordinal);
    }
}
