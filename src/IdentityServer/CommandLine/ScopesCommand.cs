using System.CommandLine;
using Sso.IdentityServer.Clients;

namespace Sso.IdentityServer.CommandLine;

/// <summary><c>scopes list|add|update|delete</c>: API scopes and the API resources (audiences) they open.</summary>
public static class ScopesCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var output = runner.Output;
        var scopes = new Command("scopes", "API scopes and the API resources (token audiences) they open.");

        var list = new Command("list", "List the registered scopes (the OpenID Connect scopes are built in).");
        list.SetAction((_, cancellationToken) => runner.RunAsync(async (services, ct) =>
        {
            await output.WriteLineAsync($"{"scope",-24} {"resources",-32} name");
            foreach (var scope in await services.GetRequiredService<ScopeRegistry>().ListAsync(ct))
            {
                await output.WriteLineAsync($"{scope.Name,-24} {string.Join(' ', scope.Resources),-32} {scope.DisplayName}");
            }

            return 0;
        }, cancellationToken));

        var (add, addName, addOptions) = WithOptions("add", "Register an API scope.");
        add.SetAction((parse, cancellationToken) => runner.RunAsync(async (services, ct) =>
        {
            await services.GetRequiredService<ScopeRegistry>().AddAsync(addOptions.Read(parse, parse.GetRequiredValue(addName), null), ct);
            await output.WriteLineAsync($"Added scope '{parse.GetRequiredValue(addName)}'.");
            return 0;
        }, cancellationToken));

        var (update, updateName, updateOptions) = WithOptions("update", "Change a scope: only the options given change.");
        update.SetAction((parse, cancellationToken) => runner.RunAsync(async (services, ct) =>
        {
            var registry = services.GetRequiredService<ScopeRegistry>();
            var name = parse.GetRequiredValue(updateName);
            var existing = await registry.FindAsync(name, ct);
            if (existing is null || !await registry.UpdateAsync(updateOptions.Read(parse, name, existing), ct))
            {
                return await runner.NotFoundAsync($"scope '{name}'");
            }

            await output.WriteLineAsync($"Updated scope '{name}'.");
            return 0;
        }, cancellationToken));

        var delete = new Command("delete", "Delete a scope no client is given any more.");
        var deleteName = NameArgument();
        delete.Arguments.Add(deleteName);
        delete.SetAction((parse, cancellationToken) => runner.RunAsync(async (services, ct) =>
        {
            var name = parse.GetRequiredValue(deleteName);
            if (!await services.GetRequiredService<ScopeRegistry>().DeleteAsync(name, ct))
            {
                return await runner.NotFoundAsync($"scope '{name}'");
            }

            await output.WriteLineAsync($"Deleted scope '{name}'.");
            return 0;
        }, cancellationToken));

        foreach (var command in new[] { list, add, update, delete })
        {
            scopes.Subcommands.Add(command);
        }

        return scopes;
    }

    public static string OptionOf(string field) => field switch
    {
        "displayName" => "--display-name",
        "description" => "--description",
        "resources" => "--resource",
        _ => "scope name",
    };

    private static Argument<string> NameArgument() => new("name") { Description = "The scope, as clients ask for it (e.g. orders.read)." };

    private static (Command Command, Argument<string> Name, ScopeOptions Options) WithOptions(string name, string description)
    {
        var command = new Command(name, description);
        var argument = NameArgument();
        var options = new ScopeOptions();
        command.Arguments.Add(argument);
        command.Options.Add(options.DisplayName);
        command.Options.Add(options.Description);
        command.Options.Add(options.Resources);
        return (command, argument, options);
    }

    private sealed class ScopeOptions
    {
        public Option<string?> DisplayName { get; } = new("--display-name") { Description = "Shown on the consent page." };

        public Option<string?> Description { get; } = new("--description") { Description = "A sentence for the consent page." };

        public Option<string[]> Resources { get; } = new("--resource")
        {
            Description = "An API (token audience) this scope opens; repeat for several.",
        };

        public ScopeDefinition Read(ParseResult parse, string name, ScopeDefinition? current)
        {
            var scope = current ?? new ScopeDefinition { Name = name };
            if (parse.GetResult(DisplayName) is not null)
            {
                scope = scope with { DisplayName = parse.GetValue(DisplayName) };
            }

            if (parse.GetResult(Description) is not null)
            {
                scope = scope with { Description = parse.GetValue(Description) };
            }

            if (parse.GetResult(Resources) is not null)
            {
                scope = scope with { Resources = [.. parse.GetValue(Resources) ?? []] };
            }

            return scope;
        }
    }
}
