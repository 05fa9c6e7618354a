using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sso.IdentityServer.Observability;

/// <summary>Counts each access token the token endpoint hands out, whatever the grant.</summary>
public sealed class TokenIssuanceMetrics(ServerMetrics metrics) : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseSingletonHandler<TokenIssuanceMetrics>()
            .SetOrder(int.MinValue + 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!string.IsNullOrEmpty(context.Response.AccessToken))
        {
            metrics.TokenIssued(context.Request?.GrantType, context.Request?.ClientId);
        }

        return ValueTask.CompletedTask;
    }
}
