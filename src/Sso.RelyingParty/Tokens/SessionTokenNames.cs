namespace Sso.RelyingParty.Tokens;

/// <summary>Names under which the OpenID Connect handler (SaveTokens) keeps tokens in the session ticket.</summary>
public static class SessionTokenNames
{
    public const string AccessToken = "access_token";
    public const string RefreshToken = "refresh_token";
    public const string IdToken = "id_token";

    /// <summary>Access token expiry, an ISO 8601 round-trip ("o") string in UTC.</summary>
    public const string ExpiresAt = "expires_at";
}
