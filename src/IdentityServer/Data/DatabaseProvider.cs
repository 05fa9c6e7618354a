namespace Sso.IdentityServer.Data;

/// <summary>Which database engine holds the server's state.</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded file: one machine, one instance, nothing to install.</summary>
    Sqlite,

    /// <summary>A shared server: what several instances behind a load balancer need.</summary>
    PostgreSql,
}
