using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Sso.IdentityServer.Accounts;
using Sso.IdentityServer.Keys;

namespace Sso.IdentityServer.Data;

/// <summary>
/// The one database of the identity server: accounts (ASP.NET Core Identity), OpenIddict's
/// applications, authorizations, scopes and tokens, the server's own keys and the data-protection
/// key ring. Keeping all of it in one store is what lets several instances share everything.
/// </summary>
public sealed class SsoDbContext(DbContextOptions<SsoDbContext> options)
    : IdentityDbContext<SsoUser>(options), IDataProtectionKeyContext
{
    public DbSet<ServerKey> ServerKeys => Set<ServerKey>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.UseOpenIddict();
        builder.ApplyConfigurationsFromAssembly(typeof(SsoDbContext).Assembly);
    }
}
