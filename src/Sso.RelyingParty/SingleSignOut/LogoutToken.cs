namespace Sso.RelyingParty.SingleSignOut;

/// <summary>What a validated logout token asks for: end the session <see cref="SessionId"/>, or every session of <see cref="Subject"/>.</summary>
/// <param name="SessionId">The identity server's session id (sid), if the token names one.</param>
/// <param name="Subject">The person (sub), if the token names one. At least one of the two is set.</param>
public sealed record LogoutToken(string? SessionId, string? Subject);
