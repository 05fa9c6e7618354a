namespace Sso.RelyingParty.Sessions;

/// <summary>What is kept of one session: how to find it, when it ends, and its protected ticket.</summary>
/// <param name="SessionId">The identity server's session id (<c>sid</c> in the ID token), if it sent one.</param>
/// <param name="Subject">The person's <c>sub</c>.</param>
/// <param name="ExpiresAt">When the cookie session expires; the row is useless (and purged) after.</param>
/// <param name="ProtectedTicket">The serialized ticket (claims, access and refresh tokens), data-protected.</param>
internal sealed record SessionRow(string? SessionId, string? Subject, DateTimeOffset ExpiresAt, byte[] ProtectedTicket);
