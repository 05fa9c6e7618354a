using System.CommandLine;
using Sso.IdentityServer.Clients;

namespace Sso.IdentityServer.CommandLine;

/// <summary><c>clients list|show|add|update|delete|rotate-secret</c>.</summary>
public static class ClientsCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var output = runner.Output;
        var clients = new Command("clients", "Client applications: register, change, delete, rotate secrets.");

        var list = new Command("list", "List the registered clients.");
        list.SetAction((_, cancellationToken) => runner.RunAsync(async (services, ct) =>
        {
            var all = await services.GetRequiredService<ClientRegistry>().ListAsync(ct);
            await output.WriteLineAsync($"{"client id",-32} {"type",-12} {"source",-20} name");
            foreach (var client in all)
            {
                await output.WriteLineAsync(
                    $"{client.ClientId,-32} {Describe(client.Definition.Type),-12} {client.Source,-20} {client.Definition.DisplayName}");
            }

            return 0;
        }, cancellationToken));

        var show = new Command("show", "Show one client's settings (never its secret: only a hash is stored).");
        var showId = ClientIdArgument();
        show.Arguments.Add(showId);
        show.SetAction((parse, cancellationToken) => runner.RunAsync(async (services, ct) =>
        {
            var client = await services.GetRequiredService<ClientRegistry>().FindAsync(parse.GetRequiredValue(showId), ct);
            if (client is null)
            {
                return await runner.NotFoundAsync($"client '{parse.GetRequiredValue(showId)}'");
            }

            await WriteAsync(output, client);
            return 0;
        }, cancellationToken));

        var addOptions = new ClientCommandOptions();
        var add = new Command("add", "Register a client. A confidential client's secret is generated and shown once.");
        var addId = ClientIdArgument();
        add.Arguments.Add(addId);
        addOptions.AddTo(add);
        add.SetAction((parse, cancellationToken) => runner.RunAsync(async (services, ct) =>
        {
            var client = addOptions.Apply(parse, new ClientDefinition { ClientId = parse.GetRequiredValue(addId) });
            var registered = await services.GetRequiredService<ClientRegistry>()
                .RegisterAsync(client, ClientSource.CommandLine, ClientPolicy.Operator, cancellationToken: ct);
            await output.WriteLineAsync($"Registered {Describe(client.Type)} client '{client.ClientId}'.");
            await WriteSecretAsync(output, registered.Secret);
            return 0;
        }, cancellationToken));

        var updateOptions = new ClientCommandOptions();
        var update = new Command("update", "Change a client: only the options given change (lists are replaced whole).");
        var updateId = ClientIdArgument();
        update.Arguments.Add(updateId);
        updateOptions.AddTo(update);
        update.SetAction((parse, cancellationToken) => runner.RunAsync(async (services, ct) =>
        {
            var registry = services.GetRequiredService<ClientRegistry>();
            var existing = await registry.FindAsync(parse.GetRequiredValue(updateId), ct);
            if (existing is null)
            {
                return await runner.NotFoundAsync($"client '{parse.GetRequiredValue(updateId)}'");
            }

            var updated = await registry.UpdateAsync(updateOptions.Apply(parse, existing.Definition), ClientPolicy.Operator, cancellationToken: ct);
            await output.WriteLineAsync($"Updated client '{existing.ClientId}'.");
            await WriteSecretAsync(output, updated?.Secret);
            return 0;
        }, cancellationToken));

        var delete = new Command("delete", "Delete a client with its authorizations and tokens: its refresh tokens stop working at once.");
        var deleteId = ClientIdArgument();
        delete.Arguments.Add(deleteId);
        delete.SetAction((parse, cancellationToken) => runner.RunAsync(async (services, ct) =>
        {
            var clientId = parse.GetRequiredValue(deleteId);
            if (!await services.GetRequiredService<ClientRegistry>().DeleteAsync(clientId, ct))
            {
                return await runner.NotFoundAsync($"client '{clientId}'");
            }

            await output.WriteLineAsync($"Deleted client '{clientId}'.");
            return 0;
        }, cancellationToken));

        var rotate = new Command("rotate-secret", "Give a confidential client a new generated secret, shown once; the old one stops working at once.");
        var rotateId = ClientIdArgument();
        rotate.Arguments.Add(rotateId);
        rotate.SetAction((parse, cancellationToken) => runner.RunAsync(async (services, ct) =>
        {
            var clientId = parse.GetRequiredValue(rotateId);
            var rotated = await services.GetRequiredService<ClientRegistry>().RotateSecretAsync(clientId, ct);
            if (rotated is null)
            {
                return await runner.NotFoundAsync($"client '{clientId}'");
            }

            await output.WriteLineAsync($"New secret for client '{clientId}'.");
            await WriteSecretAsync(output, rotated.Secret);
            return 0;
        }, cancellationToken));

        foreach (var command in new[] { list, show, add, update, delete, rotate })
        {
            clients.Subcommands.Add(command);
        }

        return clients;
    }

    private static Argument<string> ClientIdArgument() => new("client-id") { Description = "The client id (letters, digits, '.', '_', '-', '~')." };

    private static string Describe(ClientType type) => type == ClientType.Public ? "public" : "confidential";

    private static async Task WriteSecretAsync(TextWriter output, string? secret)
    {
        if (secret is not null)
        {
            await output.WriteLineAsync("Client secret (shown once: store it now, only its hash is kept):");
            await output.WriteLineAsync(secret);
        }
    }

    private static async Task WriteAsync(TextWriter output, RegisteredClient client)
    {
        var definition = client.Definition;
        var lifetimes = definition.TokenLifetimes;
        await output.WriteLineAsync($"client id:                 {definition.ClientId}");
        await output.WriteLineAsync($"name:                      {definition.DisplayName}");
        await output.WriteLineAsync($"type:                      {Describe(definition.Type)}{(client.HasSecret ? " (has a secret)" : "")}");
        await output.WriteLineAsync($"registered by:             {client.Source}");
        await output.WriteLineAsync($"consent:                   {definition.ConsentType}");
        await output.WriteLineAsync($"grant types:               {string.Join(' ', definition.GrantTypes)}");
        await output.WriteLineAsync($"scopes:                    {string.Join(' ', definition.Scopes)}");
        await output.WriteLineAsync($"redirect URIs:             {string.Join(' ', definition.RedirectUris)}");
        await output.WriteLineAsync($"post-logout redirect URIs: {string.Join(' ', definition.PostLogoutRedirectUris)}");
        await output.WriteLineAsync($"back-channel logout URI:   {definition.BackChannelLogoutUri}");
        await output.WriteLineAsync($"access token lifetime:     {lifetimes.AccessToken?.ToString("c") ?? "server default"}");
        await output.WriteLineAsync($"identity token lifetime:   {lifetimes.IdentityToken?.ToString("c") ?? "server default"}");
        await output.WriteLineAsync($"authorization code:        {lifetimes.AuthorizationCode?.ToString("c") ?? "server default"}");
        await output.WriteLineAsync($"refresh token lifetime:    {lifetimes.RefreshToken?.ToString("c") ?? "server default"}");
    }
}
