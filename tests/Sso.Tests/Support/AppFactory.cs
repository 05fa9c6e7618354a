using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace Sso.Tests.Support;

/// <summary>
/// Runs one of the apps, unchanged, on real Kestrel on a loopback port. Its configuration is the
/// app's own appsettings.json plus what the test gives: Development settings (fixed ports, demo
/// seeds) are left out so every test system is self-contained.
/// </summary>
/// <param name="log">Where a test class reads the app's log (captured warnings, the fuzz run's exceptions).</param>
/// <param name="configureHost">What a test class adds to the host (a log provider, a recording handler).</param>
public sealed class AppFactory<TEntryPoint>(IReadOnlyDictionary<string, string?> settings, ILoggerProvider? log = null, Action<IWebHostBuilder>? configureHost = null)
    : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    private int _port;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // What the app reads as its own address before Kestrel has bound (the instance name).
        builder.UseSetting(WebHostDefaults.ServerUrlsKey, $"http://127.0.0.1:{_port}");
        if (log is not null)
        {
            builder.ConfigureLogging(logging => logging.AddProvider(log));
        }

        builder.ConfigureAppConfiguration((context, configuration) =>
        {
            configuration.Sources.Clear();
            configuration.AddJsonFile(Path.Combine(context.HostingEnvironment.ContentRootPath, "appsettings.json"), optional: false);
            configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Logging:LogLevel:Default"] = "Warning",
                ["Logging:LogLevel:Microsoft.AspNetCore.DataProtection"] = "Error",
                // The test process's console is printed whole when a run fails; warnings there
                // (expected rejections, Kestrel noting the test's endpoint) would bury the failure.
                ["Logging:Console:LogLevel:Default"] = "Error",
            });
            configuration.AddInMemoryCollection(settings);
        });
        configureHost?.Invoke(builder);
    }

    public async Task<AppFactory<TEntryPoint>> StartAsync(int port)
    {
        // The endpoint goes into Kestrel's own options. UseKestrel(port) would instead rewrite the
        // server's addresses after the app is built, racing the app's Program, which may already
        // have started the server on a busy machine ("Addresses cannot be modified after the
        // server has started").
        _port = port;
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        await Task.Run(StartServer);
        return this;
    }
}
