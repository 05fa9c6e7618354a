using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sso.IdentityServer.Data;

namespace Sso.IdentityServer.Sessions;

/// <summary>
/// One person's single sign-on session at the identity server, kept in the shared database so any
/// instance can serve it and anyone entitled can end it. The browser's cookie holds only a random
/// key; the database holds only that key's hash, so a leaked backup cannot be turned into cookies.
/// </summary>
public sealed class UserSession
{
    /// <summary>The public session id: the <c>sid</c> claim of ID and logout tokens, and what pages show.</summary>
    public required string Id { get; init; }

    /// <summary>SHA-256 of the key in the cookie (see <see cref="SessionKey"/>).</summary>
    public required string KeyHash { get; init; }

    public required string UserId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public DateTimeOffset LastSeenAt { get; set; }

    /// <summary>The session ends if not used before this instant; each use pushes it forward.</summary>
    public DateTimeOffset IdleExpiresAt { get; set; }

    /// <summary>The session ends at this instant however active it is.</summary>
    public required DateTimeOffset AbsoluteExpiresAt { get; init; }

    public string? IpAddress { get; init; }

    public string? UserAgent { get; init; }

    /// <summary>The serialized authentication ticket (who, when, which claims).</summary>
    public required byte[] Ticket { get; set; }

    /// <summary>The apps that received tokens through this session: they are told when it ends.</summary>
    public List<UserSessionClient> Clients { get; init; } = [];
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> builder)
    {
        builder.ToTable("UserSessions");
        builder.HasKey(session => session.Id);
        builder.Property(session => session.Id).HasMaxLength(64);
        builder.Property(session => session.KeyHash).HasMaxLength(64);
        builder.HasIndex(session => session.KeyHash).IsUnique();
        builder.Property(session => session.UserId).HasMaxLength(450);
        builder.HasIndex(session => session.UserId);
        builder.Property(session => session.IpAddress).HasMaxLength(64);
        builder.Property(session => session.UserAgent).HasMaxLength(512);
        builder.Property(session => session.CreatedAt).HasConversion<UnixTimeConverter>();
        builder.Property(session => session.LastSeenAt).HasConversion<UnixTimeConverter>();
        builder.Property(session => session.IdleExpiresAt).HasConversion<UnixTimeConverter>();
        builder.Property(session => session.AbsoluteExpiresAt).HasConversion<UnixTimeConverter>();
        builder.HasIndex(session => session.IdleExpiresAt);
        builder.HasIndex(session => session.AbsoluteExpiresAt);
        builder.HasMany(session => session.Clients).WithOne().HasForeignKey(client => client.SessionId).OnDelete(DeleteBehavior.Cascade);
    }
}
