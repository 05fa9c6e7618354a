namespace Sso.IdentityServer.Clients.AdminApi;

/// <summary>How long the token works ("hh:mm:ss", default Registration:InitialAccessTokenLifetime) and whether it registers only one client.</summary>
public sealed record InitialAccessTokenInput(TimeSpan? ExpiresIn, bool SingleUse, string? Description);
