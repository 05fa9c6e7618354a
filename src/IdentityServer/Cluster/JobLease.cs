using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Sso.IdentityServer.Data;

namespace Sso.IdentityServer.Cluster;

/// <summary>
/// Who runs a scheduled job right now. Every instance runs the same background services; the row
/// makes sure only one of them does the work, and another takes over when the holder stops renewing.
/// </summary>
public sealed class JobLease
{
    public required string Name { get; init; }

    /// <summary>The holding instance (<see cref="ServerInstance.LeaseHolder"/>).</summary>
    public required string Holder { get; set; }

    /// <summary>Until when the holder may run the job without renewing; after it, anyone may take it.</summary>
    public DateTimeOffset ExpiresAt { get; set; }
}

internal sealed class JobLeaseConfiguration : IEntityTypeConfiguration<JobLease>
{
    public void Configure(EntityTypeBuilder<JobLease> builder)
    {
        builder.ToTable("JobLeases");
        builder.HasKey(lease => lease.Name);
        builder.Property(lease => lease.Name).HasMaxLength(100);
        builder.Property(lease => lease.Holder).HasMaxLength(200);
        builder.Property(lease => lease.ExpiresAt).HasConversion<UnixTimeConverter>();
    }
}
