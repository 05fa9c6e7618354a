namespace Sso.RelyingParty.Tokens;

/// <summary>What the token endpoint said to a refresh_token grant.</summary>
internal sealed record TokenRefreshResult(
    TokenRefreshStatus Status,
    string? AccessToken = null,
    string? RefreshToken = null,
    string? IdToken = null,
    DateTimeOffset? ExpiresAt = null)
{
    public static TokenRefreshResult Rejected { get; } = new(TokenRefreshStatus.Rejected);
    public static TokenRefreshResult Unavailable { get; } = new(TokenRefreshStatus.Unavailable);
}
