using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sso.IdentityServer.Data;

namespace Sso.IdentityServer.BackChannelLogout;

/// <summary>
/// One logout notice owed to one app (an outbox row): written in the same transaction that ends the
/// session, then sent in the background by <see cref="BackChannelLogoutSender"/> with retries, so a
/// sign-out never waits on an app and a crash never loses a notice. The row records the outcome.
/// </summary>
public sealed class BackChannelLogoutDelivery
{
    public long Id { get; init; }

    public required string SessionId { get; init; }

    public required string UserId { get; init; }

    public required string ClientId { get; init; }

    public required string LogoutUri { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public BackChannelLogoutStatus Status { get; set; } = BackChannelLogoutStatus.Pending;

    public int Attempts { get; set; }

    public DateTimeOffset NextAttemptAt { get; set; }

    public DateTimeOffset? CompletedAt { get; set; }

    public string? LastError { get; set; }
}

internal sealed class BackChannelLogoutDeliveryConfiguration : IEntityTypeConfiguration<BackChannelLogoutDelivery>
{
    public void Configure(EntityTypeBuilder<BackChannelLogoutDelivery> builder)
    {
        builder.ToTable("BackChannelLogoutDeliveries");
        builder.HasKey(delivery => delivery.Id);
        builder.Property(delivery => delivery.SessionId).HasMaxLength(64);
        builder.Property(delivery => delivery.UserId).HasMaxLength(450);
        builder.Property(delivery => delivery.ClientId).HasMaxLength(100);
        builder.Property(delivery => delivery.LogoutUri).HasMaxLength(2000);
        builder.Property(delivery => delivery.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(delivery => delivery.LastError).HasMaxLength(1000);
        builder.Property(delivery => delivery.CreatedAt).HasConversion<UnixTimeConverter>();
        builder.Property(delivery => delivery.NextAttemptAt).HasConversion<UnixTimeConverter>();
        builder.Property(delivery => delivery.CompletedAt).HasConversion<UnixTimeConverter>();
        builder.HasIndex(delivery => new { delivery.Status, delivery.NextAttemptAt });
    }
}
