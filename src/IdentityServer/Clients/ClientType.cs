namespace Sso.IdentityServer.Clients;

/// <summary>RFC 6749 §2.1: whether the client can keep a secret.</summary>
public enum ClientType
{
    /// <summary>A server-side app or service: it authenticates with a generated secret.</summary>
    Confidential,

    /// <summary>A native app or SPA: it has no secret; PKCE alone binds its codes.</summary>
    Public,
}
