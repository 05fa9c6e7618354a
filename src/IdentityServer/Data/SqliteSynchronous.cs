namespace Sso.IdentityServer.Data;

/// <summary>
/// When SQLite forces a commit to disk (its <c>synchronous</c> setting; the database is in WAL mode).
/// Either way a crash of the process loses nothing committed and never corrupts the file.
/// </summary>
public enum SqliteSynchronous
{
    /// <summary>
    /// The log is synced at checkpoints, not at each commit: an OS crash or power loss may roll back
    /// the last transactions (tokens issued, codes redeemed in the last moment) but the file stays
    /// consistent. Several times fewer disk syncs per token request.
    /// </summary>
    Normal = 1,

    /// <summary>Every commit is synced to disk before it is acknowledged: durable even through a power loss.</summary>
    Full = 2,
}
