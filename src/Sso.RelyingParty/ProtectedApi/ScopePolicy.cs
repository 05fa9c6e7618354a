using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;

namespace Sso.RelyingParty.ProtectedApi;

/// <summary>Authorization policies for API endpoints: a bearer access token with a given scope.</summary>
public static class ScopePolicy
{
    /// <summary>
    /// Authenticates with the "Bearer" scheme only (never the session cookie, so a browser
    /// session cannot be used for cross-site API calls) and requires <paramref name="scope"/>.
    /// </summary>
    public static AuthorizationPolicy For(string scope) =>
        new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .AddRequirements(new ScopeRequirement(scope))
            .Build();
}
