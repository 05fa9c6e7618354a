using Sso.IdentityServer.Clients;
using Sso.IdentityServer.Data;

namespace Sso.IdentityServer.CommandLine;

/// <summary>
/// Runs one administration command on the server's database (upgrading its schema first, as the
/// server would), and turns a refusal into a message that names the option and exit code 1.
/// </summary>
public sealed class CommandRunner(Func<ServiceProvider> services, TextWriter output, TextWriter error)
{
    public TextWriter Output => output;

    public async Task<int> RunAsync(Func<IServiceProvider, CancellationToken, Task<int>> command, CancellationToken cancellationToken)
    {
        await using var provider = services();
        await provider.MigrateDatabaseAsync(cancellationToken);
        await using var scope = provider.CreateAsyncScope();

        // An admin client can be registered before the server ever started.
        await scope.ServiceProvider.GetRequiredService<ScopeRegistry>().EnsureAdminScopeAsync(cancellationToken);
        try
        {
            return await command(scope.ServiceProvider, cancellationToken);
        }
        catch (ClientValidationException refused)
        {
            foreach (var refusal in refused.Errors)
            {
                await error.WriteLineAsync($"error: {ClientCommandOptions.OptionOf(refusal.Field)}: {refusal.Message}");
            }

            return 1;
        }
        catch (ScopeValidationException refused)
        {
            await error.WriteLineAsync($"error: {ScopesCommand.OptionOf(refused.Field)}: {refused.Message}");
            return 1;
        }
        catch (CommandInputException refused)
        {
            await error.WriteLineAsync($"error: {refused.Option}: {refused.Message}");
            return 1;
        }
    }

    public async Task<int> NotFoundAsync(string what)
    {
        await error.WriteLineAsync($"error: {what} does not exist");
        return 1;
    }
}
