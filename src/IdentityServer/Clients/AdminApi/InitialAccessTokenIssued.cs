namespace Sso.IdentityServer.Clients.AdminApi;

/// <summary>The token, shown this once (only its hash is stored).</summary>
public sealed record InitialAccessTokenIssued(string Token, DateTimeOffset ExpiresAt, bool SingleUse);
