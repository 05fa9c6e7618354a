using System.Net.Sockets;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Sso.IdentityServer.Resilience;
using Xunit;

namespace Sso.Tests.Resilience;

/// <summary>Which failures are "the database is unreachable, try again" (503) and which are bugs (500).</summary>
public sealed class DatabaseUnavailabilityTests
{
    public static TheoryData<string, Exception> Unavailable => new()
    {
        { "PostgreSQL refused the connection", new NpgsqlException("Failed to connect", new SocketException((int)SocketError.ConnectionRefused)) },
        { "the connection broke mid-query", new NpgsqlException("Exception while reading from stream", new EndOfStreamException()) },
        { "PostgreSQL is shutting down", new PostgresException("terminating connection due to administrator command", "FATAL", "FATAL", "57P01") },
        { "EF Core's transient-failure wrapper", new InvalidOperationException("transient failure", new NpgsqlException("Failed to connect", new TimeoutException())) },
        { "SQLite file locked by another process", new SqliteException("database is locked", 5) },
        { "SQLite file cannot be opened", new SqliteException("unable to open database file", 14) },
        { "a failed save wrapping a busy SQLite file", new DbUpdateException("save failed", new SqliteException("database is locked", 5)) },
    };

    public static TheoryData<string, Exception> Bugs => new()
    {
        { "a unique constraint violated (PostgreSQL)", new PostgresException("duplicate key", "ERROR", "ERROR", "23505") },
        { "a unique constraint violated (SQLite)", new DbUpdateException("save failed", new SqliteException("UNIQUE constraint failed", 19)) },
        { "a bad query", new PostgresException("column does not exist", "ERROR", "ERROR", "42703") },
        { "an ordinary bug", new InvalidOperationException("Sequence contains no elements") },
        { "a timeout that is not the database's", new TimeoutException() },
    };

    [Theory]
    [MemberData(nameof(Unavailable))]
    public void DatabaseOutages_AreUnavailability(string what, Exception exception) =>
        Assert.True(DatabaseUnavailability.Is(exception), what);

    [Theory]
    [MemberData(nameof(Bugs))]
    public void Bugs_AreNot(string what, Exception exception) =>
        Assert.False(DatabaseUnavailability.Is(exception), what);
}
