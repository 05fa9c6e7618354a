using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sso.IdentityServer.Data;

namespace Sso.IdentityServer.Clients.DynamicRegistration;

/// <summary>
/// An initial access token (RFC 7591 §3): an operator hands it to someone so they can register one
/// client (single use) or several until it expires. Only its hash is stored, like a password.
/// </summary>
public sealed class InitialAccessToken
{
    public required string Id { get; init; }

    /// <summary>SHA-256 of the token (hex); the token itself is shown once to whoever issued it.</summary>
    public required string TokenHash { get; init; }

    public string? Description { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset ExpiresAt { get; init; }

    public bool SingleUse { get; init; }

    /// <summary>When a single-use token was spent (null while unused).</summary>
    public DateTimeOffset? UsedAt { get; set; }

    public string? UsedByClientId { get; set; }
}

internal sealed class InitialAccessTokenConfiguration : IEntityTypeConfiguration<InitialAccessToken>
{
    public void Configure(EntityTypeBuilder<InitialAccessToken> builder)
    {
        builder.ToTable("InitialAccessTokens");
        builder.HasKey(token => token.Id);
        builder.Property(token => token.Id).HasMaxLength(64);
        builder.Property(token => token.TokenHash).HasMaxLength(64);
        builder.HasIndex(token => token.TokenHash).IsUnique();
        builder.Property(token => token.Description).HasMaxLength(200);
        builder.Property(token => token.UsedByClientId).HasMaxLength(100);
        builder.Property(token => token.CreatedAt).HasConversion<UnixTimeConverter>();
        builder.Property(token => token.ExpiresAt).HasConversion<UnixTimeConverter>();
        builder.HasIndex(token => token.ExpiresAt);
        builder.Property(token => token.UsedAt).HasConversion<UnixTimeConverter>();
    }
}
