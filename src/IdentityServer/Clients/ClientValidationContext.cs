using Sso.IdentityServer.Protocol;

namespace Sso.IdentityServer.Clients;

/// <summary>
/// What the validator needs to know about the server: its scopes and lifetimes, and the path's
/// policy. <paramref name="KnownScopes"/> is null where the database cannot be asked yet (options
/// validation at start); <see cref="ClientRegistry"/> checks the scopes before anything is stored.
/// </summary>
public sealed record ClientValidationContext(IReadOnlySet<string>? KnownScopes, TokenLifetimeOptions ServerLifetimes, ClientPolicy Policy);
