using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Sso.IdentityServer.Keys;

/// <summary>Generates new keys and turns stored ones into credentials OpenIddict can use.</summary>
public static class ServerKeyFactory
{
    public const string EncryptionAlgorithm = SecurityAlgorithms.Aes256KW;

    public static ServerKey NewSigningKey(string algorithm, int rsaKeySize, DateTimeOffset now, DateTimeOffset activatesAt)
    {
        byte[] material = algorithm switch
        {
            SecurityAlgorithms.RsaSha256 => ExportRsa(rsaKeySize),
            SecurityAlgorithms.EcdsaSha256 => ExportEcdsa(),
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, "Unsupported signing algorithm."),
        };
        return new ServerKey
        {
            Id = NewKeyId(),
            Use = ServerKeyUse.Signing,
            Algorithm = algorithm,
            Material = material,
            CreatedAt = now,
            ActivatesAt = activatesAt,
        };

        static byte[] ExportRsa(int size)
        {
            using var rsa = RSA.Create(size);
            return rsa.ExportPkcs8PrivateKey();
        }

        static byte[] ExportEcdsa()
        {
            using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            return ecdsa.ExportPkcs8PrivateKey();
        }
    }

    public static ServerKey NewEncryptionKey(DateTimeOffset now, DateTimeOffset activatesAt) => new()
    {
        Id = NewKeyId(),
        Use = ServerKeyUse.Encryption,
        Algorithm = EncryptionAlgorithm,
        Material = RandomNumberGenerator.GetBytes(32),
        CreatedAt = now,
        ActivatesAt = activatesAt,
    };

    public static SigningCredentials ToSigningCredentials(ServerKey key)
    {
        SecurityKey securityKey = key.Algorithm switch
        {
            SecurityAlgorithms.RsaSha256 => ImportRsa(key),
            SecurityAlgorithms.EcdsaSha256 => ImportEcdsa(key),
            _ => throw new InvalidOperationException($"Server key {key.Id} has unsupported algorithm {key.Algorithm}."),
        };
        return new SigningCredentials(securityKey, key.Algorithm);

        static RsaSecurityKey ImportRsa(ServerKey key)
        {
            var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(key.Material, out _);
            return new RsaSecurityKey(rsa) { KeyId = key.Id };
        }

        static ECDsaSecurityKey ImportEcdsa(ServerKey key)
        {
            var ecdsa = ECDsa.Create();
            ecdsa.ImportPkcs8PrivateKey(key.Material, out _);
            return new ECDsaSecurityKey(ecdsa) { KeyId = key.Id };
        }
    }

    public static EncryptingCredentials ToEncryptingCredentials(ServerKey key) =>
        new(new SymmetricSecurityKey(key.Material) { KeyId = key.Id }, EncryptionAlgorithm, SecurityAlgorithms.Aes256CbcHmacSha512);

    // 128 random bits: unique across instances without coordination, and says nothing about the key.
    private static string NewKeyId() => Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(16));
}
