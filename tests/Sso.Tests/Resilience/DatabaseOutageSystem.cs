using Npgsql;
using Sso.Tests.Support;
using Xunit;

namespace Sso.Tests.Resilience;

/// <summary>
/// The identity server on its own PostgreSQL database, reached through a <see cref="TcpForwarder"/>
/// the test can cut, so the database "goes away" for the server while the test still reaches it.
/// Needs <see cref="TestDatabase.PostgresVariable"/>; without it the tests say so and skip.
/// </summary>
public sealed class DatabaseOutageSystem() : SsoSystem(withApps: false)
{
    private TcpForwarder? _forwarder;

    public TcpForwarder Forwarder => _forwarder ?? throw new InvalidOperationException("No forwarder: not on PostgreSQL.");

    public static void SkipUnlessPostgreSql()
    {
        if (TestDatabase.PostgresServer is null)
        {
            Assert.Skip($"The database outage test cuts a PostgreSQL connection: set {TestDatabase.PostgresVariable} (.ci/run does).");
        }
    }

    public override async ValueTask InitializeAsync()
    {
        if (TestDatabase.PostgresServer is not { } server)
        {
            return;
        }

        var target = new NpgsqlConnectionStringBuilder(server);
        _forwarder = TcpForwarder.Start(target.Host ?? "127.0.0.1", target.Port);
        await base.InitializeAsync();
    }

    protected override void ConfigureServer(IDictionary<string, string?> settings)
    {
        // The server's connections go through the forwarder; the test's own (creating and dropping
        // the database) go straight to PostgreSQL.
        settings["Database:ConnectionString"] = new NpgsqlConnectionStringBuilder(Database.PostgresConnectionString)
        {
            Host = "127.0.0.1",
            Port = Forwarder.Port,
        }.ToString();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_forwarder is not null)
        {
            await _forwarder.DisposeAsync();
        }
    }
}
