using Microsoft.AspNetCore.Builder;

namespace Sso.RelyingParty.ProtectedApi;

public static class ScopeEndpointConventionBuilderExtensions
{
    /// <summary>The endpoint needs a bearer access token (for this API's audience) granted <paramref name="scope"/>.</summary>
    public static TBuilder RequireScope<TBuilder>(this TBuilder builder, string scope)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder.RequireAuthorization(ScopePolicy.For(scope));
    }
}
