using Microsoft.AspNetCore.Authorization;

namespace Sso.RelyingParty.ProtectedApi;

/// <summary>The access token must have been granted <see cref="Scope"/>.</summary>
public sealed class ScopeRequirement(string scope) : IAuthorizationRequirement
{
    public string Scope { get; } = string.IsNullOrWhiteSpace(scope)
        ? throw new ArgumentException("A scope is required.", nameof(scope))
        : scope;
}
