using Microsoft.AspNetCore.Authorization;

namespace Sso.RelyingParty.ProtectedApi;

/// <summary>Succeeds <see cref="ScopeRequirement"/> when the token's scopes include it (exact, case-sensitive match).</summary>
internal sealed class ScopeAuthorizationHandler : AuthorizationHandler<ScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ScopeRequirement requirement)
    {
        if (ScopeClaims.Read(context.User).Contains(requirement.Scope))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
