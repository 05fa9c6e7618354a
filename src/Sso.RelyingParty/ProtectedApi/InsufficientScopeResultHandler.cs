using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Sso.RelyingParty.ProtectedApi;

/// <summary>
/// A valid token that lacks a required scope gets 403 with
/// <c>WWW-Authenticate: Bearer error="insufficient_scope", scope="…"</c> (RFC 6750 §3.1), so the
/// caller knows which scope to ask for. Everything else goes to the default handling.
/// </summary>
internal sealed class InsufficientScopeResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);

        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure is { } failure)
        {
            var missing = failure.FailedRequirements.OfType<ScopeRequirement>().Select(requirement => requirement.Scope).ToList();
            if (missing.Count > 0)
            {
                // Scope tokens cannot contain '"' or '\' (RFC 6749 §3.3), so no escaping is needed.
                context.Response.Headers.Append(
                    HeaderNames.WWWAuthenticate,
                    $"Bearer error=\"insufficient_scope\", error_description=\"The access token lacks a required scope.\", scope=\"{string.Join(' ', missing)}\"");
            }
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
