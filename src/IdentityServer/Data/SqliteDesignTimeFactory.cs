using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Sso.IdentityServer.Data;

/// <summary>
/// Lets <c>dotnet ef migrations add Name --context SqliteSsoDbContext --output-dir Data/Migrations/Sqlite</c>
/// build the model without starting the server. Adding a migration opens no file.
/// </summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteSsoDbContext>
{
    public SqliteSsoDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteSsoDbContext>()
            .UseSqlite("Data Source=design-time.db")
            .UseOpenIddict()
            .Options);
}
