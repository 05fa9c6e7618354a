namespace Sso.RelyingParty.Tokens;

internal enum TokenRefreshStatus
{
    /// <summary>New tokens were issued.</summary>
    Renewed,

    /// <summary>invalid_grant: the refresh token is revoked, expired or replayed. Only a new sign-in helps.</summary>
    Rejected,

    /// <summary>Network trouble, a 5xx or another error: the current access token may still be used until it expires.</summary>
    Unavailable,
}
