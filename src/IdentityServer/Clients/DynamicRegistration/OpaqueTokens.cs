using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace Sso.IdentityServer.Clients.DynamicRegistration;

/// <summary>
/// Initial and registration access tokens: 256 random bits, given out once, stored only as a
/// SHA-256 hash (random tokens need no key stretching), compared in constant time.
/// </summary>
public static class OpaqueTokens
{
    public static string Generate() => WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    public static bool Matches(string token, string? storedHash) =>
        storedHash is not null
        && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(storedHash));
}
