using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Sso.IdentityServer.Sessions;

/// <summary>Random session identifiers: the secret key the cookie carries, and the public session id.</summary>
public static class SessionKey
{
    /// <summary>256 random bits for the cookie: guessing one is hopeless, and a new one is made at every sign-in.</summary>
    public static string NewKey() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    /// <summary>128 random bits: the <c>sid</c>, which apps see in ID tokens and is not a credential.</summary>
    public static string NewSessionId() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));

    /// <summary>What the database keeps instead of the key: a fast hash is enough for 256 random bits.</summary>
    public static string Hash(string key) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
