namespace Sso.IdentityServer.Clients;

/// <summary>An API scope, and the API resources (token audiences) a token granted it is meant for.</summary>
public sealed record ScopeDefinition
{
    public string Name { get; init; } = "";

    public string? DisplayName { get; init; }

    public string? Description { get; init; }

    public IReadOnlyList<string> Resources { get; init; } = [];
}
