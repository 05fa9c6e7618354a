using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Sso.IdentityServer.Data;

/// <summary>
/// Lets SQLite itself wait for a busy write lock (it retries within milliseconds) instead of
/// Microsoft.Data.Sqlite's fallback, which sleeps the thread 150 ms per retry: under concurrent
/// token requests those sleeps made the slowest refreshes take seconds (bench/PROFILE.md, cost 3).
/// </summary>
public sealed class SqliteBusyTimeout : DbConnectionInterceptor
{
    /// <summary>How long one statement may wait for the lock before failing.</summary>
    public const int Milliseconds = 5000;

    private const string Pragma = "PRAGMA busy_timeout = 5000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        await using var command = connection.CreateCommand();
        command.CommandText = Pragma;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
