using Microsoft.Extensions.Options;
using OpenIddict.Server;
using Sso.IdentityServer.Hosting;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sso.IdentityServer.Clients.DynamicRegistration;

/// <summary>Advertises the registration endpoint in discovery (RFC 8414 §2, OpenID Connect Discovery §3).</summary>
public sealed class RegistrationDiscovery(IOptions<ServerOptions> server) : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<RegistrationDiscovery>()
            .SetOrder(int.MaxValue - 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var issuer = server.Value.Issuer ?? throw new InvalidOperationException("Server:Issuer is not set.");
        context.Metadata["registration_endpoint"] = new Uri(issuer, RegistrationRoutes.Register).AbsoluteUri;
        return ValueTask.CompletedTask;
    }
}
