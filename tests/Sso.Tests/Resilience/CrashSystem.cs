using Sso.Tests.Support;
using Xunit;

namespace Sso.Tests.Resilience;

/// <summary>
/// The identity server as a separate OS process on the test system's database (a SQLite file, or
/// PostgreSQL when <see cref="TestDatabase.PostgresVariable"/> is set), so a test can kill -9 it.
/// Open dynamic registration is on, so the load can create clients at run time.
/// </summary>
public sealed class CrashSystem() : SsoSystem(withApps: false)
{
    private ServerProcess? _server;

    private string WorkingDirectory => Path.Combine(Path.GetDirectoryName(DatabasePath)!, "server");

    public ServerProcess Server => _server ?? throw new InvalidOperationException("The server process is not running.");

    public override async ValueTask InitializeAsync()
    {
        await Database.CreateAsync(TestContext.Current.CancellationToken);
        _server = await ServerProcess.StartAsync(ServerSettings(), ServerPort, WorkingDirectory);
    }

    /// <summary>
    /// Starts the server again on the same port and database, with every <c>Seed:*</c> setting left out:
    /// users, clients and scopes then come from the database alone, so none is silently re-created.
    /// </summary>
    public async Task StartFromTheDatabaseAloneAsync()
    {
        var settings = ServerSettings().Where(setting => !setting.Key.StartsWith("Seed:", StringComparison.Ordinal))
            .ToDictionary(setting => setting.Key, setting => setting.Value);
        _server = await ServerProcess.StartAsync(settings, ServerPort, WorkingDirectory);
    }

    protected override void ConfigureServer(IDictionary<string, string?> settings)
    {
        settings["Registration:AllowOpenRegistration"] = "true";
    }

    public override async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
