using OpenIddict.Validation;
using Sso.IdentityServer.Keys;
using static OpenIddict.Validation.OpenIddictValidationEvents;

namespace Sso.IdentityServer.Clients.AdminApi;

/// <summary>
/// Validates admin API tokens with the key ring's keys as they are now. OpenIddict 7.8's local
/// server integration copies the server's keys once, so without this a token signed by a key
/// rotated in later (possibly by another instance or the command line) would be refused.
/// </summary>
public sealed class CurrentServerKeys(ServerKeyRing ring) : IOpenIddictValidationHandler<ValidateTokenContext>
{
    public static OpenIddictValidationHandlerDescriptor Descriptor { get; } =
        OpenIddictValidationHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
            .UseSingletonHandler<CurrentServerKeys>()
            .SetOrder(OpenIddictValidationHandlers.Protection.ResolveTokenValidationParameters.Descriptor.Order + 500)
            .SetType(OpenIddictValidationHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ValidateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.TokenValidationParameters.IssuerSigningKeys = [.. ring.SigningCredentials.Select(credentials => credentials.Key)];
        context.TokenValidationParameters.TokenDecryptionKeys = [.. ring.EncryptingCredentials.Select(credentials => credentials.Key)];
        return ValueTask.CompletedTask;
    }
}
