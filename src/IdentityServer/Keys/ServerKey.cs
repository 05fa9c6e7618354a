using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Sso.IdentityServer.Keys;

/// <summary>What a server key is for.</summary>
public enum ServerKeyUse
{
    /// <summary>Signs tokens; its public part is published in the JWKS.</summary>
    Signing = 1,

    /// <summary>Encrypts the server's own tokens (codes, refresh tokens); never published.</summary>
    Encryption = 2,
}

/// <summary>
/// A key the server signs or encrypts with, persisted so that restarts and every instance of a
/// cluster use the same keys. A key starts working at <see cref="ActivatesAt"/> and stops when a
/// newer key of the same use activates; it is kept for validation until every token it protected
/// has expired.
/// </summary>
public sealed class ServerKey
{
    /// <summary>The key id (<c>kid</c>), stable for the life of the key.</summary>
    public required string Id { get; init; }

    public required ServerKeyUse Use { get; init; }

    /// <summary>JOSE algorithm: RS256, ES256 (signing) or A256KW (encryption).</summary>
    public required string Algorithm { get; init; }

    /// <summary>PKCS#8 private key, or the raw bytes of a symmetric key.</summary>
    public required byte[] Material { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>From this instant the key signs (or encrypts) new tokens.</summary>
    public required DateTimeOffset ActivatesAt { get; init; }
}

internal sealed class ServerKeyConfiguration : IEntityTypeConfiguration<ServerKey>
{
    public void Configure(EntityTypeBuilder<ServerKey> builder)
    {
        builder.ToTable("ServerKeys");
        builder.HasKey(key => key.Id);
        builder.Property(key => key.Id).HasMaxLength(64);
        builder.Property(key => key.Algorithm).HasMaxLength(16);
        builder.Property(key => key.Use).HasConversion<string>().HasMaxLength(16);
    }
}
