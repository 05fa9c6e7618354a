namespace Sso.RelyingParty.SingleSignOut;

/// <summary>The outcome of validating a logout token: the token, or why it was refused.</summary>
public sealed record LogoutTokenValidation(LogoutToken? Token, string? Error)
{
    public bool IsValid => Token is not null;

    public static LogoutTokenValidation Valid(LogoutToken token) => new(token, null);

    public static LogoutTokenValidation Refused(string error) => new(null, error);
}
