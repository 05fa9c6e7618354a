using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Sso.IdentityServer.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add Name --context PostgreSqlSsoDbContext --output-dir Data/Migrations/PostgreSql</c>
/// build the model without starting the server. Adding a migration connects to nothing.
/// </summary>
public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlSsoDbContext>
{
    public PostgreSqlSsoDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlSsoDbContext>()
            .UseNpgsql("Host=localhost;Database=sso_design_time")
            .UseOpenIddict()
            .Options);
}
