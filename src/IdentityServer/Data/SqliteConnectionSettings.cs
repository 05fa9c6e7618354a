using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Sso.IdentityServer.Data;

/// <summary>
/// SQLite settings that live on each connection, not in the file, so they are set every time a
/// connection opens:
/// <list type="bullet">
/// <item>busy_timeout lets SQLite itself wait for a busy write lock (it retries within
/// milliseconds) instead of Microsoft.Data.Sqlite's fallback, which sleeps the thread 150 ms per
/// retry: under concurrent token requests those sleeps made the slowest refreshes take seconds
/// (bench/PROFILE.md, cost 3).</item>
/// <item>synchronous (<see cref="DatabaseOptions.SqliteSynchronous"/>): with WAL, NORMAL syncs the
/// log to disk at checkpoints instead of at every commit (bench/PROFILE.md, cost 2).</item>
/// </list>
/// EF Core opens its pooled connection for every query, several times per token request; the
/// settings stay with the underlying SQLite handle, so they are sent once per handle.
/// </summary>
public sealed class SqliteConnectionSettings(SqliteSynchronous synchronous) : DbConnectionInterceptor
{
    /// <summary>How long one statement may wait for the lock before failing.</summary>
    public const int BusyTimeoutMilliseconds = 5000;

    private readonly string _pragmas =
        $"PRAGMA busy_timeout = {BusyTimeoutMilliseconds}; PRAGMA synchronous = {(synchronous == SqliteSynchronous.Full ? "FULL" : "NORMAL")};";

    // The native handles already set up; entries go when the pool disposes a handle.
    private static readonly ConditionalWeakTable<sqlite3, object> Configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (IsConfigured(connection))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        command.ExecuteNonQuery();
        MarkConfigured(connection);
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (IsConfigured(connection))
        {
            return;
        }

        await using var command = connection.CreateCommand();
        command.CommandText = _pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
        MarkConfigured(connection);
    }

    private static bool IsConfigured(DbConnection connection) =>
        connection is SqliteConnection { Handle: { } handle } && Configured.TryGetValue(handle, out _);

    private static void MarkConfigured(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle })
        {
            Configured.AddOrUpdate(handle, Configured);
        }
    }
}
