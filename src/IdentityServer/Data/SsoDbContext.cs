using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Sso.IdentityServer.Accounts;
using Sso.IdentityServer.Audit;
using Sso.IdentityServer.BackChannelLogout;
using Sso.IdentityServer.Cluster;
using Sso.IdentityServer.Keys;
using Sso.IdentityServer.Sessions;

namespace Sso.IdentityServer.Data;

/// <summary>
/// The one database of the identity server: accounts (ASP.NET Core Identity), OpenIddict's
/// applications, authorizations, scopes and tokens, the server's own keys, the data-protection key
/// ring, the server-side sessions, the back-channel logout outbox and the audit trail. Keeping all
/// of it in one store is what lets several instances share everything. Services ask for this type;
/// the configured provider's subclass (<see cref="SqliteSsoDbContext"/>, <see cref="PostgreSqlSsoDbContext"/>)
/// answers, each with its own migrations.
/// </summary>
public abstract class SsoDbContext : IdentityDbContext<SsoUser>, IDataProtectionKeyContext
{
    protected SsoDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<ServerKey> ServerKeys => Set<ServerKey>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<UserSession> UserSessions => Set<UserSession>();

    public DbSet<UserSessionClient> UserSessionClients => Set<UserSessionClient>();

    public DbSet<BackChannelLogoutDelivery> BackChannelLogoutDeliveries => Set<BackChannelLogoutDelivery>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<JobLease> JobLeases => Set<JobLease>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.ApplyConfigurationsFromAssembly(typeof(SsoDbContext).Assembly);
    }
}
