using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sso.IdentityServer.Protocol;

/// <summary>
/// OpenIddict refuses a scope the client may not ask for with <c>invalid_request</c>, and a refresh
/// asking for more than was granted with <c>invalid_grant</c>. RFC 6749 (§4.1.2.1, §5.2, §6) names
/// <c>invalid_scope</c> for both, and clients act on that code, so these checks run first and answer it.
/// </summary>
public static class ScopeErrorHandlers
{
    public static IEnumerable<OpenIddictServerHandlerDescriptor> Descriptors =>
    [
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateAuthorizationRequestContext>()
            .UseScopedHandler<RejectUnpermittedScopesAtAuthorization>()
            .SetOrder(OpenIddictServerHandlers.Authentication.ValidateScopePermissions.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build(),
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseScopedHandler<RejectUnpermittedScopesAtToken>()
            .SetOrder(OpenIddictServerHandlers.Exchange.ValidateScopePermissions.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build(),
        OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenRequestContext>()
            .UseSingletonHandler<RejectScopesBeyondTheGrant>()
            .SetOrder(OpenIddictServerHandlers.Exchange.ValidateGrantedScopes.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build(),
    ];

    private static async ValueTask<string?> FirstUnpermittedScopeAsync(
        IOpenIddictApplicationManager applications, string? clientId, OpenIddictRequest request)
    {
        var application = clientId is null ? null : await applications.FindByClientIdAsync(clientId);
        if (application is null)
        {
            return null; // OpenIddict's own checks answer unknown clients
        }

        foreach (var scope in request.GetScopes())
        {
            if (scope is not (Scopes.OpenId or Scopes.OfflineAccess)
                && !await applications.HasPermissionAsync(application, Permissions.Prefixes.Scope + scope))
            {
                return scope;
            }
        }

        return null;
    }

    public sealed class RejectUnpermittedScopesAtAuthorization(IOpenIddictApplicationManager applications)
        : IOpenIddictServerHandler<ValidateAuthorizationRequestContext>
    {
        public async ValueTask HandleAsync(ValidateAuthorizationRequestContext context)
        {
            if (await FirstUnpermittedScopeAsync(applications, context.ClientId, context.Request) is { } scope)
            {
                context.Reject(Errors.InvalidScope, $"The client is not allowed to request the '{scope}' scope.");
            }
        }
    }

    public sealed class RejectUnpermittedScopesAtToken(IOpenIddictApplicationManager applications)
        : IOpenIddictServerHandler<ValidateTokenRequestContext>
    {
        public async ValueTask HandleAsync(ValidateTokenRequestContext context)
        {
            if (await FirstUnpermittedScopeAsync(applications, context.ClientId, context.Request) is { } scope)
            {
                context.Reject(Errors.InvalidScope, $"The client is not allowed to request the '{scope}' scope.");
            }
        }
    }

    public sealed class RejectScopesBeyondTheGrant : IOpenIddictServerHandler<ValidateTokenRequestContext>
    {
        public ValueTask HandleAsync(ValidateTokenRequestContext context)
        {
            if (context.Request.IsRefreshTokenGrantType() && !string.IsNullOrEmpty(context.Request.Scope)
                && context.RefreshTokenPrincipal is { } granted
                && !granted.GetScopes().ToHashSet(StringComparer.Ordinal).IsSupersetOf(context.Request.GetScopes()))
            {
                context.Reject(Errors.InvalidScope, "A refresh cannot widen the scope that was granted.");
            }

            return ValueTask.CompletedTask;
        }
    }
}
