namespace Sso.IdentityServer.Clients.AdminApi;

/// <summary>The answer to a registration or rotation: <see cref="ClientSecret"/> is shown this once and never again.</summary>
public sealed record ClientWithSecret(ClientResource Client, string? ClientSecret);
