namespace Sso.RelyingParty.ProtectedApi;

/// <summary>What the identity server's introspection endpoint said about a token.</summary>
internal enum TokenActivity
{
    /// <summary>"active": true.</summary>
    Active,

    /// <summary>"active": false (revoked, expired, unknown, or not this API's to ask about).</summary>
    Inactive,

    /// <summary>No answer (unreachable, timed out, refused our credentials): treated as inactive, never cached.</summary>
    Unknown,
}
