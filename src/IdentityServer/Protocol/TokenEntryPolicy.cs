using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace Sso.IdentityServer.Protocol;

/// <summary>
/// Which issued tokens get a row in the token table. OpenIddict stores one for every token; an ID
/// token's row serves nothing here: an ID token cannot be revoked (RFC 7009 covers access and
/// refresh tokens) or introspected by its client, and where it comes back (the id_token_hint of
/// RP-initiated logout) OpenIddict checks its signature, lifetime and its authorization's row,
/// which sign-out, a ban or a replayed code revoke. Skipping it saves one INSERT (and its commit)
/// per code redemption and per refresh, and keeps the table, which only grows with rows nobody
/// reads, smaller. Authorization codes, refresh tokens and access tokens keep their rows: one-time
/// use, rotation, replay detection and the revocation of single access tokens need them.
/// </summary>
public sealed class TokenEntryPolicy : IOpenIddictServerHandler<GenerateTokenContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
            .UseSingletonHandler<TokenEntryPolicy>()
            .SetOrder(OpenIddictServerHandlers.Protection.CreateTokenEntry.Descriptor.Order - 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(GenerateTokenContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.TokenType == TokenTypeIdentifiers.IdentityToken)
        {
            context.CreateTokenEntry = false;
        }

        return ValueTask.CompletedTask;
    }
}
