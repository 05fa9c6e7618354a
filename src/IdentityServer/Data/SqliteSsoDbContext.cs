using Microsoft.EntityFrameworkCore;

namespace Sso.IdentityServer.Data;

/// <summary>
/// The model on SQLite. Its own type so that its migrations (Migrations/Sqlite, the history every
/// existing database has) stay apart from PostgreSQL's, whose column types differ.
/// </summary>
public sealed class SqliteSsoDbContext(DbContextOptions<SqliteSsoDbContext> options) : SsoDbContext(options);
