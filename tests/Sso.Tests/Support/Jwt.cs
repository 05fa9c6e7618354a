using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Sso.Tests.Support;

/// <summary>Reads a JWT's header and payload, the way anyone holding the token could.</summary>
public static class Jwt
{
    public static JsonWebToken Read(string token) => new(token);

    public static JsonElement Payload(string token) =>
        JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[1])).RootElement.Clone();

    public static JsonElement Header(string token) =>
        JsonDocument.Parse(Base64UrlEncoder.Decode(token.Split('.')[0])).RootElement.Clone();

    public static string Claim(string token, string name) =>
        Payload(token).TryGetProperty(name, out var value) ? value.ToString() : throw new KeyNotFoundException(name);
}
