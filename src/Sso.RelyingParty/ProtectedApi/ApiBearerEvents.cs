using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Sso.RelyingParty.ProtectedApi;

/// <summary>
/// After a bearer token passed local validation, endpoints marked with <see cref="ActiveTokenMetadata"/>
/// also need the identity server to call it active. A failure here makes the handler answer 401 with
/// <c>WWW-Authenticate: Bearer error="invalid_token"</c> (RFC 6750 §3.1).
/// </summary>
internal sealed class ApiBearerEvents(ILogger<ApiBearerEvents> logger) : JwtBearerEvents
{
    public override async Task TokenValidated(TokenValidatedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.HttpContext.GetEndpoint()?.Metadata.GetMetadata<ActiveTokenMetadata>() is null)
        {
            return;
        }

        var introspector = context.HttpContext.RequestServices.GetService<TokenIntrospector>();
        if (introspector is null)
        {
            // Fail closed: a missing registration must not turn the check off.
            logger.LogError("An endpoint requires an active token but AddSsoTokenIntrospection was not called.");
            context.Fail("The token's status cannot be checked.");
            return;
        }

        if (context.SecurityToken is not JsonWebToken token)
        {
            context.Fail("The token's status cannot be checked.");
            return;
        }

        switch (await introspector.CheckAsync(token, context.HttpContext.RequestAborted).ConfigureAwait(false))
        {
            case TokenActivity.Active:
                break;
            case TokenActivity.Inactive:
                logger.LogInformation("A locally valid access token is no longer active at the identity server.");
                context.Fail("The access token is no longer active.");
                break;
            default:
                context.Fail("The access token's status could not be checked.");
                break;
        }
    }
}
