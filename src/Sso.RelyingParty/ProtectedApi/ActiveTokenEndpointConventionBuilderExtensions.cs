using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;

namespace Sso.RelyingParty.ProtectedApi;

public static class ActiveTokenEndpointConventionBuilderExtensions
{
    /// <summary>
    /// Besides local validation, the bearer token must be active at the identity server's
    /// introspection endpoint (RFC 7662): a revoked token, or one of a person signed out by
    /// back-channel logout, is refused at once rather than when it expires. Costs a call to the
    /// identity server per token (cached briefly), and fails closed when the server cannot answer.
    /// Needs <see cref="ProtectedApiServiceCollectionExtensions.AddSsoTokenIntrospection"/>.
    /// </summary>
    public static TBuilder RequireActiveToken<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder
    {
        ArgumentNullException.ThrowIfNull(builder);
        // The bearer scheme must run for the check to happen, whatever other policy the endpoint has.
        var bearer = new AuthorizationPolicyBuilder(JwtBearerDefaults.AuthenticationScheme).RequireAuthenticatedUser().Build();
        return builder.RequireAuthorization(bearer).WithMetadata(ActiveTokenMetadata.Instance);
    }
}
