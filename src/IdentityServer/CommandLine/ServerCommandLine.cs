using System.CommandLine;
using Sso.IdentityServer.Clients;
using Sso.IdentityServer.Clients.DynamicRegistration;
using Sso.IdentityServer.Data;
using Sso.IdentityServer.Keys;
using Sso.IdentityServer.Protocol;

namespace Sso.IdentityServer.CommandLine;

/// <summary>
/// Administration commands in the server's own binary (<c>dotnet run --project src/IdentityServer -- keys rotate</c>).
/// They work on the same database and configuration as the server, also while it runs.
/// </summary>
public static class ServerCommandLine
{
    private static readonly string[] CommandNames = ["keys", "clients", "scopes", "initial-access-tokens", "--help", "-h", "-?"];

    public static bool IsCommand(string[] args) => args.Length > 0 && CommandNames.Contains(args[0], StringComparer.Ordinal);

    /// <param name="args">The command line.</param>
    /// <param name="configure">Extra configuration (tests point it at their own database).</param>
    /// <param name="output">Where commands write; the console by default.</param>
    public static async Task<int> RunAsync(string[] args, Action<IConfigurationBuilder>? configure = null, TextWriter? output = null)
    {
        // Errors go to stderr on a terminal; a caller that captures output (the tests) gets both.
        var error = output ?? Console.Error;
        output ??= Console.Out;
        var root = new RootCommand("Sso identity server. Without a command it starts the server; with one it administers its database.");
        root.Subcommands.Add(KeysCommand.Create(() => BuildServices(configure), output));
        var runner = new CommandRunner(() => BuildServices(configure), output, error);
        root.Subcommands.Add(ClientsCommand.Create(runner));
        root.Subcommands.Add(ScopesCommand.Create(runner));
        root.Subcommands.Add(InitialAccessTokensCommand.Create(runner));
        var configuration = new InvocationConfiguration { Output = output, Error = error };
        return await root.Parse(args).InvokeAsync(configuration);
    }

    private static ServiceProvider BuildServices(Action<IConfigurationBuilder>? configure)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        configure?.Invoke(builder.Configuration);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSsoDatabase();
        builder.Services.AddTokenLifetimes();
        builder.Services.AddServerKeyRotation();
        builder.Services.AddOpenIddictCore();
        builder.Services.AddClientRegistration();
        builder.Services.AddInitialAccessTokens();
        return builder.Services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
