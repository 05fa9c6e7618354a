using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Sso.IdentityServer.Resilience;

/// <summary>
/// Tells an exception that means "the database cannot be reached right now" (a refused or broken
/// connection, a timeout, a file another process holds locked) from a bug. Only the former is worth
/// a 503 and a retry: a constraint violation or a bad query would fail again, so it stays a 500.
/// </summary>
public static class DatabaseUnavailability
{
    // SQLITE_BUSY, SQLITE_LOCKED (another writer holds the lock longer than the busy timeout),
    // SQLITE_CANTOPEN (the file or its folder is gone or not readable), SQLITE_IOERR (the disk).
    private static readonly int[] UnavailableSqliteCodes = [5, 6, 10, 14];

    /// <summary>True when <paramref name="exception"/> or one it wraps (EF Core and OpenIddict wrap them) says the database is unreachable.</summary>
    public static bool Is(Exception? exception)
    {
        for (var depth = 0; exception is not null && depth < 10; depth++)
        {
            switch (exception)
            {
                case SqliteException sqlite when UnavailableSqliteCodes.Contains(sqlite.SqliteErrorCode):
                    return true;
                case SqliteException:
                    return false;
                // Npgsql marks connection failures, broken connections, timeouts and PostgreSQL's own
                // "shutting down / too many connections / cannot connect now" states as transient.
                case NpgsqlException { IsTransient: true }:
                    return true;
                case PostgresException:
                    return false;
                case DbException { IsTransient: true }:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Count == 1:
                    exception = aggregate.InnerExceptions[0];
                    continue;
            }

            exception = exception.InnerException;
        }

        return false;
    }
}
