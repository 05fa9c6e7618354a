namespace Sso.IdentityServer.Clients.AdminApi;

/// <summary>An API scope and the API resources (token audiences) it opens.</summary>
public sealed record ScopeInput(string? Name, string? DisplayName, string? Description, List<string>? Resources);
