namespace Sso.IdentityServer.Clients;

/// <summary>
/// The answer to a registration or a secret rotation. <see cref="Secret"/> is the only time the
/// secret exists in clear outside the client: it is shown once and only its hash is stored.
/// </summary>
public sealed record ClientRegistered(RegisteredClient Client, string? Secret);
