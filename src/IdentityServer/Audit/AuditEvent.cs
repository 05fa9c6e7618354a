using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sso.IdentityServer.Data;

namespace Sso.IdentityServer.Audit;

/// <summary>
/// A security-relevant event: what happened, to whom, by whom, when and from where. Never holds a
/// password, code or token.
/// </summary>
public sealed class AuditEvent
{
    public long Id { get; init; }

    public required DateTimeOffset OccurredAt { get; init; }

    public required AuditEventType Type { get; init; }

    /// <summary>The account concerned, when known (a failed sign-in for an unknown name has none).</summary>
    public string? UserId { get; init; }

    /// <summary>The user name as typed or as stored, for reading the trail without joins.</summary>
    public string? UserName { get; init; }

    /// <summary>Who did it when it was not the person themselves (an admin's user name, or "system").</summary>
    public string? Actor { get; init; }

    public string? ClientId { get; init; }

    public string? SessionId { get; init; }

    public string? IpAddress { get; init; }

    /// <summary>A short, human-readable detail: the reason a session ended, an error.</summary>
    public string? Detail { get; init; }
}

internal sealed class AuditEventConfiguration : IEntityTypeConfiguration<AuditEvent>
{
    public void Configure(EntityTypeBuilder<AuditEvent> builder)
    {
        builder.ToTable("AuditEvents");
        builder.HasKey(auditEvent => auditEvent.Id);
        builder.Property(auditEvent => auditEvent.OccurredAt).HasConversion<UnixTimeConverter>();
        builder.Property(auditEvent => auditEvent.Type).HasConversion<string>().HasMaxLength(40);
        builder.Property(auditEvent => auditEvent.UserId).HasMaxLength(450);
        builder.Property(auditEvent => auditEvent.UserName).HasMaxLength(256);
        builder.Property(auditEvent => auditEvent.Actor).HasMaxLength(256);
        builder.Property(auditEvent => auditEvent.ClientId).HasMaxLength(100);
        builder.Property(auditEvent => auditEvent.SessionId).HasMaxLength(64);
        builder.Property(auditEvent => auditEvent.IpAddress).HasMaxLength(64);
        builder.Property(auditEvent => auditEvent.Detail).HasMaxLength(1000);
        builder.HasIndex(auditEvent => auditEvent.OccurredAt);
        builder.HasIndex(auditEvent => new { auditEvent.UserId, auditEvent.OccurredAt });
        builder.HasIndex(auditEvent => new { auditEvent.Type, auditEvent.OccurredAt });
    }
}
