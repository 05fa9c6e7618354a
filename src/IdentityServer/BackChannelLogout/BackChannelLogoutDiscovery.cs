using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sso.IdentityServer.BackChannelLogout;

/// <summary>
/// Advertises back-channel logout in discovery (Back-Channel Logout 1.0 §2.1): notices are sent, and
/// they carry the session id, so apps can end just that session.
/// </summary>
public sealed class BackChannelLogoutDiscovery : IOpenIddictServerHandler<HandleConfigurationRequestContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleConfigurationRequestContext>()
            .UseSingletonHandler<BackChannelLogoutDiscovery>()
            .SetOrder(int.MaxValue - 100_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleConfigurationRequestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Metadata["backchannel_logout_supported"] = true;
        context.Metadata["backchannel_logout_session_supported"] = true;
        return ValueTask.CompletedTask;
    }
}
