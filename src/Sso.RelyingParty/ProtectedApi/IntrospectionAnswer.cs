namespace Sso.RelyingParty.ProtectedApi;

/// <summary>A cached introspection answer, with the subject and the moment it was asked, so a later sign-out can void it.</summary>
internal sealed record IntrospectionAnswer(bool Active, string? Subject, DateTimeOffset AskedAt);
