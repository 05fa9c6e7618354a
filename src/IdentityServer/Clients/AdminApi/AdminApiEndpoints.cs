using Microsoft.Extensions.Options;
using Sso.IdentityServer.Clients.DynamicRegistration;

namespace Sso.IdentityServer.Clients.AdminApi;

/// <summary>
/// The admin API (/admin/api): the same operations as the command line, as JSON over HTTP, for
/// automation. Callers authenticate with an access token carrying the sso.admin scope, obtained by
/// client credentials; refusals are RFC 9457 problem details keyed by the field they are about.
/// </summary>
public static class AdminApiEndpoints
{
    public const string Prefix = "/admin/api";

    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup(Prefix)
            .RequireAuthorization(AdminApiExtensions.PolicyName)
            .DisableAntiforgery()
            .WithGroupName(AdminApiExtensions.DocumentName)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden);

        var clients = api.MapGroup("/clients").WithTags("Clients");
        clients.MapGet("/", ListClientsAsync).WithSummary("List the registered clients.");
        clients.MapGet("/{clientId}", GetClientAsync).WithSummary("One client's settings (never its secret).")
            .ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapPost("/", CreateClientAsync).WithSummary("Register a client; a confidential client's secret is returned this once.")
            .Accepts<ClientInput>("application/json").Produces<ClientWithSecret>(StatusCodes.Status201Created)
            .ProducesValidationProblem().ProducesValidationProblem(StatusCodes.Status409Conflict);
        clients.MapPut("/{clientId}", ReplaceClientAsync).WithSummary("Replace a client's settings; its secret stays.")
            .Accepts<ClientInput>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapDelete("/{clientId}", DeleteClientAsync).WithSummary("Delete a client with its authorizations and tokens.")
            .ProducesProblem(StatusCodes.Status404NotFound);
        clients.MapPost("/{clientId}/secret", RotateSecretAsync).WithSummary("Generate a new secret, returned this once; the old one stops working.")
            .ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);

        var scopes = api.MapGroup("/scopes").WithTags("Scopes");
        scopes.MapGet("/", ListScopesAsync).WithSummary("List the API scopes.");
        scopes.MapGet("/{name}", GetScopeAsync).WithSummary("One API scope.").ProducesProblem(StatusCodes.Status404NotFound);
        scopes.MapPost("/", CreateScopeAsync).WithSummary("Register an API scope and the resources (audiences) it opens.")
            .Accepts<ScopeInput>("application/json").Produces<ScopeDefinition>(StatusCodes.Status201Created).ProducesValidationProblem();
        scopes.MapPut("/{name}", ReplaceScopeAsync).WithSummary("Replace an API scope.")
            .Accepts<ScopeInput>("application/json").ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        scopes.MapDelete("/{name}", DeleteScopeAsync).WithSummary("Delete a scope no client is given any more.")
            .ProducesValidationProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/initial-access-tokens", IssueInitialAccessTokenAsync).WithTags("Dynamic registration")
            .WithSummary("Issue an initial access token for POST /connect/register (RFC 7591 §3); returned this once.")
            .Accepts<InitialAccessTokenInput>("application/json").Produces<InitialAccessTokenIssued>(StatusCodes.Status201Created);
        return endpoints;
    }

    private static async Task<IResult> ListClientsAsync(ClientRegistry registry, CancellationToken cancellationToken) =>
        Results.Ok((await registry.ListAsync(cancellationToken)).Select(ClientResource.From));

    private static async Task<IResult> GetClientAsync(string clientId, ClientRegistry registry, CancellationToken cancellationToken) =>
        await registry.FindAsync(clientId, cancellationToken) is { } client
            ? Results.Ok(ClientResource.From(client))
            : AdminApiFields.NotFound($"Client '{clientId}'");

    private static async Task<IResult> CreateClientAsync(HttpRequest request, ClientRegistry registry, CancellationToken cancellationToken)
    {
        var (input, problem) = await AdminApiJson.ReadAsync<ClientInput>(request);
        if (input is null)
        {
            return problem!;
        }

        if (ToDefinition(input, input.ClientId ?? "") is not { } client)
        {
            return TypeProblem();
        }

        try
        {
            var registered = await registry.RegisterAsync(client, ClientSource.AdminApi, ClientPolicy.Operator, cancellationToken: cancellationToken);
            return Results.Created($"{Prefix}/clients/{Uri.EscapeDataString(client.ClientId)}",
                new ClientWithSecret(ClientResource.From(registered.Client), registered.Secret));
        }
        catch (ClientValidationException refused)
        {
            return AdminApiFields.Refused(refused);
        }
    }

    private static async Task<IResult> ReplaceClientAsync(string clientId, HttpRequest request, ClientRegistry registry, CancellationToken cancellationToken)
    {
        var (input, problem) = await AdminApiJson.ReadAsync<ClientInput>(request);
        if (input is null)
        {
            return problem!;
        }

        if (input.ClientId is { } named && named != clientId)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["clientId"] = ["must match the client in the URL (client ids cannot change)"] });
        }

        if (ToDefinition(input, clientId) is not { } client)
        {
            return TypeProblem();
        }

        try
        {
            return await registry.UpdateAsync(client, ClientPolicy.Operator, cancellationToken: cancellationToken) is { } updated
                ? Results.Ok(new ClientWithSecret(ClientResource.From(updated.Client), updated.Secret))
                : AdminApiFields.NotFound($"Client '{clientId}'");
        }
        catch (ClientValidationException refused)
        {
            return AdminApiFields.Refused(refused);
        }
    }

    private static async Task<IResult> DeleteClientAsync(string clientId, ClientRegistry registry, CancellationToken cancellationToken) =>
        await registry.DeleteAsync(clientId, cancellationToken) ? Results.NoContent() : AdminApiFields.NotFound($"Client '{clientId}'");

    private static async Task<IResult> RotateSecretAsync(string clientId, ClientRegistry registry, CancellationToken cancellationToken)
    {
        try
        {
            return await registry.RotateSecretAsync(clientId, cancellationToken) is { } rotated
                ? Results.Ok(new ClientWithSecret(ClientResource.From(rotated.Client), rotated.Secret))
                : AdminApiFields.NotFound($"Client '{clientId}'");
        }
        catch (ClientValidationException refused)
        {
            return AdminApiFields.Refused(refused);
        }
    }

    private static async Task<IResult> ListScopesAsync(ScopeRegistry registry, CancellationToken cancellationToken) =>
        Results.Ok(await registry.ListAsync(cancellationToken));

    private static async Task<IResult> GetScopeAsync(string name, ScopeRegistry registry, CancellationToken cancellationToken) =>
        await registry.FindAsync(name, cancellationToken) is { } scope ? Results.Ok(scope) : AdminApiFields.NotFound($"Scope '{name}'");

    private static async Task<IResult> CreateScopeAsync(HttpRequest request, ScopeRegistry registry, CancellationToken cancellationToken)
    {
        var (input, problem) = await AdminApiJson.ReadAsync<ScopeInput>(request);
        if (input is null)
        {
            return problem!;
        }

        var scope = ToScope(input, input.Name ?? "");
        try
        {
            await registry.AddAsync(scope, cancellationToken);
            return Results.Created($"{Prefix}/scopes/{Uri.EscapeDataString(scope.Name)}", await registry.FindAsync(scope.Name, cancellationToken));
        }
        catch (ScopeValidationException refused)
        {
            return AdminApiFields.Refused(refused);
        }
    }

    private static async Task<IResult> ReplaceScopeAsync(string name, HttpRequest request, ScopeRegistry registry, CancellationToken cancellationToken)
    {
        var (input, problem) = await AdminApiJson.ReadAsync<ScopeInput>(request);
        if (input is null)
        {
            return problem!;
        }

        try
        {
            return await registry.UpdateAsync(ToScope(input, name), cancellationToken)
                ? Results.Ok(await registry.FindAsync(name, cancellationToken))
                : AdminApiFields.NotFound($"Scope '{name}'");
        }
        catch (ScopeValidationException refused)
        {
            return AdminApiFields.Refused(refused);
        }
    }

    private static async Task<IResult> DeleteScopeAsync(string name, ScopeRegistry registry, CancellationToken cancellationToken)
    {
        try
        {
            return await registry.DeleteAsync(name, cancellationToken) ? Results.NoContent() : AdminApiFields.NotFound($"Scope '{name}'");
        }
        catch (ScopeValidationException refused)
        {
            return AdminApiFields.Refused(refused);
        }
    }

    private static async Task<IResult> IssueInitialAccessTokenAsync(
        HttpRequest request, InitialAccessTokens tokens, IOptions<RegistrationOptions> options, CancellationToken cancellationToken)
    {
        var (input, problem) = await AdminApiJson.ReadAsync<InitialAccessTokenInput>(request);
        if (input is null)
        {
            return problem!;
        }

        var lifetime = input.ExpiresIn ?? options.Value.InitialAccessTokenLifetime;
        if (lifetime <= TimeSpan.Zero)
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["expiresIn"] = ["must be longer than zero"] });
        }

        var (token, stored) = await tokens.IssueAsync(lifetime, input.SingleUse, input.Description, cancellationToken);
        return Results.Json(new InitialAccessTokenIssued(token, stored.ExpiresAt, stored.SingleUse), statusCode: StatusCodes.Status201Created);
    }

    private static ClientDefinition? ToDefinition(ClientInput input, string clientId)
    {
        var type = input.Type switch
        {
            null or "confidential" => ClientType.Confidential,
            "public" => ClientType.Public,
            _ => (ClientType?)null,
        };
        return type is null ? null : new ClientDefinition
        {
            ClientId = clientId,
            DisplayName = input.DisplayName,
            Type = type.Value,
            ConsentType = input.ConsentType ?? OpenIddict.Abstractions.OpenIddictConstants.ConsentTypes.Explicit,
            GrantTypes = input.GrantTypes ?? [],
            RedirectUris = input.RedirectUris ?? [],
            PostLogoutRedirectUris = input.PostLogoutRedirectUris ?? [],
            BackChannelLogoutUri = string.IsNullOrEmpty(input.BackChannelLogoutUri) ? null : input.BackChannelLogoutUri,
            Scopes = input.Scopes ?? [],
            TokenLifetimes = new ClientTokenLifetimes
            {
                AccessToken = input.AccessTokenLifetime,
                IdentityToken = input.IdentityTokenLifetime,
                AuthorizationCode = input.AuthorizationCodeLifetime,
                RefreshToken = input.RefreshTokenLifetime,
            },
        };
    }

    private static IResult TypeProblem() =>
        Results.ValidationProblem(new Dictionary<string, string[]> { ["type"] = ["client type must be 'confidential' or 'public'"] });

    private static ScopeDefinition ToScope(ScopeInput input, string name) =>
        new() { Name = name, DisplayName = input.DisplayName, Description = input.Description, Resources = input.Resources ?? [] };
}
