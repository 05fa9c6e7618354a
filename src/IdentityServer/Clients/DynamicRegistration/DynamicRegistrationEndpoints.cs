using System.Globalization;
using System.Text.Json;
using System.Text.Unicode;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Sso.IdentityServer.Data;
using Sso.IdentityServer.Hosting;

namespace Sso.IdentityServer.Clients.DynamicRegistration;

/// <summary>
/// Dynamic Client Registration (RFC 7591) and its management protocol (RFC 7592). Registration needs
/// an initial access token unless Registration:AllowOpenRegistration is on; the registration access
/// token it returns reads, replaces and deletes that one client. Everything else about the client
/// is decided by <see cref="ClientRegistry"/>, under the self-registration policy.
/// </summary>
public static class DynamicRegistrationEndpoints
{
    /// <summary>Client metadata is small; a bigger body is refused before it is read.</summary>
    private const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapDynamicRegistration(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(RegistrationRoutes.Register, RegisterAsync).DisableAntiforgery();
        endpoints.MapGet(RegistrationRoutes.Client, ReadAsync);
        endpoints.MapPut(RegistrationRoutes.Client, ReplaceAsync).DisableAntiforgery();
        endpoints.MapDelete(RegistrationRoutes.Client, DeleteAsync).DisableAntiforgery();
        return endpoints;
    }

    private static async Task<IResult> RegisterAsync(
        HttpContext context, ClientRegistry registry, InitialAccessTokens initialTokens, SsoDbContext db,
        IOptions<RegistrationOptions> options, IOptions<ServerOptions> server, TimeProvider time)
    {
        var cancellationToken = context.RequestAborted;
        var initialToken = BearerToken(context.Request);
        if (!options.Value.AllowOpenRegistration && initialToken is null)
        {
            return RegistrationError.InvalidTokenResult(context, "An initial access token is required to register a client.");
        }

        var (json, bodyError) = await ReadBodyAsync(context.Request);
        if (json is not { } body)
        {
            return RegistrationError.BadRequest(RegistrationError.InvalidClientMetadata, bodyError!);
        }

        // Client ids are the server's to choose (RFC 7591 §3.2.1): random, so they reveal nothing
        // and never collide with a user id.
        var clientId = WebEncoders.Base64UrlEncode(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));
        var (client, authMethod, metadataError) = ClientMetadata.Read(body, clientId);
        if (client is null)
        {
            return RegistrationError.BadRequest(RegistrationError.InvalidClientMetadata, metadataError!);
        }

        var registrationToken = OpaqueTokens.Generate();
        var issuedAt = time.GetUtcNow().ToUnixTimeSeconds();
        var properties = new Dictionary<string, string>
        {
            [ClientDescriptors.RegistrationTokenHashProperty] = OpaqueTokens.Hash(registrationToken),
            [ClientMetadata.AuthMethodProperty] = authMethod!,
            [ClientMetadata.IssuedAtProperty] = issuedAt.ToString(CultureInfo.InvariantCulture),
        };

        // One transaction: a refused registration does not spend a single-use token, and two
        // registrations racing with one cannot both succeed.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (initialToken is not null && !await initialTokens.TrySpendAsync(initialToken, cancellationToken))
        {
            return RegistrationError.InvalidTokenResult(context, "The initial access token is unknown, expired or already used.");
        }

        ClientRegistered registered;
        try
        {
            registered = await registry.RegisterAsync(client, ClientSource.DynamicRegistration, options.Value.ToPolicy(), properties, cancellationToken);
        }
        catch (ClientValidationException refused)
        {
            return RegistrationError.Refused(refused);
        }

        if (initialToken is not null)
        {
            await initialTokens.RecordUseAsync(initialToken, clientId, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);

        var response = Describe(registered.Client.Definition, authMethod!, issuedAt, registrationToken, server.Value);
        if (registered.Secret is not null)
        {
            response["client_secret"] = registered.Secret;
            response["client_secret_expires_at"] = 0; // RFC 7591 §3.2.1: never expires
        }

        return Results.Json(response, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ReadAsync(string clientId, HttpContext context, ClientRegistry registry, IOptions<ServerOptions> server)
    {
        var (registered, token) = await AuthorizeAsync(clientId, context, registry);
        if (registered is null)
        {
            return RegistrationError.InvalidTokenResult(context, "The registration access token is not valid for this client.");
        }

        return Results.Json(await DescribeAsync(registered, token!, registry, server.Value, context.RequestAborted));
    }

    private static async Task<IResult> ReplaceAsync(
        string clientId, HttpContext context, ClientRegistry registry, IOptions<RegistrationOptions> options, IOptions<ServerOptions> server)
    {
        var cancellationToken = context.RequestAborted;
        var (registered, token) = await AuthorizeAsync(clientId, context, registry);
        if (registered is null)
        {
            return RegistrationError.InvalidTokenResult(context, "The registration access token is not valid for this client.");
        }

        var (json, bodyError) = await ReadBodyAsync(context.Request);
        if (json is not { } body)
        {
            return RegistrationError.BadRequest(RegistrationError.InvalidClientMetadata, bodyError!);
        }

        // RFC 7592 §2.2: the body names the client it replaces, and may only repeat its secret.
        if (!body.TryGetProperty(ClientMetadata.ClientId, out var id) || id.ValueKind != JsonValueKind.String || id.GetString() != clientId)
        {
            return RegistrationError.BadRequest(RegistrationError.InvalidClientMetadata, "client_id: must be present and match the client being updated.");
        }

        if (body.TryGetProperty(ClientMetadata.ClientSecret, out var secret)
            && (secret.ValueKind != JsonValueKind.String || !await registry.ValidateSecretAsync(clientId, secret.GetString()!, cancellationToken)))
        {
            return RegistrationError.BadRequest(RegistrationError.InvalidClientMetadata, "client_secret: a client cannot choose its secret; send the one it has, or none.");
        }

        var (client, authMethod, metadataError) = ClientMetadata.Read(body, clientId);
        if (client is null)
        {
            return RegistrationError.BadRequest(RegistrationError.InvalidClientMetadata, metadataError!);
        }

        if (client.Type != registered.Definition.Type)
        {
            return RegistrationError.BadRequest(RegistrationError.InvalidClientMetadata,
                "token_endpoint_auth_method: a client cannot switch between having a secret and having none; register a new client.");
        }

        try
        {
            await registry.UpdateAsync(client, options.Value.ToPolicy(),
                new Dictionary<string, string> { [ClientMetadata.AuthMethodProperty] = authMethod! }, cancellationToken);
        }
        catch (ClientValidationException refused)
        {
            return RegistrationError.Refused(refused);
        }

        var updated = await registry.FindAsync(clientId, cancellationToken);
        return Results.Json(await DescribeAsync(updated!, token!, registry, server.Value, cancellationToken));
    }

    private static async Task<IResult> DeleteAsync(string clientId, HttpContext context, ClientRegistry registry)
    {
        var (registered, _) = await AuthorizeAsync(clientId, context, registry);
        if (registered is null)
        {
            return RegistrationError.InvalidTokenResult(context, "The registration access token is not valid for this client.");
        }

        await registry.DeleteAsync(clientId, context.RequestAborted);
        return Results.NoContent();
    }

    /// <summary>
    /// The client, when the bearer token is its registration access token. RFC 7592 §2: an unknown
    /// client gets the same 401 as a wrong token, so the endpoint reveals nothing about which exist.
    /// </summary>
    private static async Task<(RegisteredClient? Client, string? Token)> AuthorizeAsync(string clientId, HttpContext context, ClientRegistry registry)
    {
        var token = BearerToken(context.Request);
        if (token is null)
        {
            return (null, null);
        }

        var hash = await registry.GetPropertyAsync(clientId, ClientDescriptors.RegistrationTokenHashProperty, context.RequestAborted);
        if (!OpaqueTokens.Matches(token, hash))
        {
            return (null, null);
        }

        return (await registry.FindAsync(clientId, context.RequestAborted), token);
    }

    private static async Task<Dictionary<string, object?>> DescribeAsync(
        RegisteredClient client, string token, ClientRegistry registry, ServerOptions server, CancellationToken cancellationToken)
    {
        var method = await registry.GetPropertyAsync(client.ClientId, ClientMetadata.AuthMethodProperty, cancellationToken)
                     ?? OpenIddict.Abstractions.OpenIddictConstants.ClientAuthenticationMethods.ClientSecretBasic;
        var issuedAt = long.TryParse(await registry.GetPropertyAsync(client.ClientId, ClientMetadata.IssuedAtProperty, cancellationToken),
            CultureInfo.InvariantCulture, out var seconds) ? seconds : 0;
        var response = Describe(client.Definition, method, issuedAt, token, server);
        if (client.HasSecret)
        {
            response["client_secret_expires_at"] = 0;
        }

        return response;
    }

    private static Dictionary<string, object?> Describe(ClientDefinition client, string method, long issuedAt, string token, ServerOptions server)
    {
        var response = ClientMetadata.Write(client, method, issuedAt);
        response["registration_access_token"] = token;
        response["registration_client_uri"] = RegistrationRoutes.ClientUri(server.Issuer!, client.ClientId).AbsoluteUri;
        return response;
    }

    /// <summary>RFC 6750 §2.1: the token comes in the Authorization header only, never in the URL.</summary>
    private static string? BearerToken(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        const string prefix = "Bearer ";
        return header.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && header.Length > prefix.Length
            ? header[prefix.Length..].Trim()
            : null;
    }

    private static async Task<(JsonElement? Json, string? Error)> ReadBodyAsync(HttpRequest request)
    {
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, "the request must be application/json (RFC 7591 §3.1)");
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            return (null, "the request body is too large");
        }

        try
        {
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
            if (buffer.Length > MaxBodyBytes)
            {
                return (null, "the request body is too large");
            }

            // JsonDocument checks the structure but leaves a string's bytes to GetString, which
            // would throw on invalid UTF-8 halfway through reading the metadata; JSON is UTF-8 (RFC 8259 §8.1).
            var body = buffer.ToArray();
            if (!Utf8.IsValid(body))
            {
                return (null, "the request body is not valid UTF-8");
            }

            using var document = JsonDocument.Parse(body);
            // Client metadata is a JSON object (RFC 7591 §3.1); everything after this reads its members.
            return document.RootElement.ValueKind == JsonValueKind.Object
                ? (document.RootElement.Clone(), null)
                : (null, "the request body must be a JSON object of client metadata");
        }
        catch (JsonException)
        {
            return (null, "the request body is not valid JSON");
        }
    }
}
