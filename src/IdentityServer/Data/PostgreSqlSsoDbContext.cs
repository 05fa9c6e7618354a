using Microsoft.EntityFrameworkCore;

namespace Sso.IdentityServer.Data;

/// <summary>The model on PostgreSQL, with its own migrations (Migrations/PostgreSql).</summary>
public sealed class PostgreSqlSsoDbContext(DbContextOptions<PostgreSqlSsoDbContext> options) : SsoDbContext(options);
