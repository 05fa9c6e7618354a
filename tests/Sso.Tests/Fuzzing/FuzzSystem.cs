using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Sso.Tests.Support;

namespace Sso.Tests.Fuzzing;

/// <summary>
/// The three apps as the fuzz run finds them: the usual seeded system, an admin service client so
/// the admin API is fuzzed with a real token too, forwarded headers trusted (so their parsing is
/// fuzzed as well), and each app's errors kept for the verdict.
/// </summary>
public sealed class FuzzSystem() : SsoSystem(withApps: true)
{
    public const string AdminClient = "admin-automation";
    public const string AdminSecret = "test-secret-admin-automation";

    public ErrorLog ServerErrors { get; } = new("identity server");

    public ErrorLog OrdersErrors { get; } = new("orders app");

    public ErrorLog BillingErrors { get; } = new("billing app");

    public IReadOnlyList<ErrorLog> ErrorLogs => [ServerErrors, OrdersErrors, BillingErrors];

    public Uri UrlOf(FuzzHost host) => host switch
    {
        FuzzHost.Server => ServerUrl,
        FuzzHost.Orders => AppAUrl,
        _ => AppBUrl,
    };

    public IServiceProvider ServicesOf(FuzzHost host) => host switch
    {
        FuzzHost.Server => ServerServices,
        FuzzHost.Orders => AppServices(ClientApp.A),
        _ => AppServices(ClientApp.B),
    };

    protected override void ConfigureHost(ClientApp? app, IWebHostBuilder builder)
    {
        var errors = app switch { null => ServerErrors, ClientApp.A => OrdersErrors, _ => BillingErrors };
        builder.ConfigureLogging(logging => logging.AddProvider(errors));
    }

    protected override void ConfigureApp(ClientApp app, IDictionary<string, string?> settings) => QuietLogs(settings);

    /// <summary>
    /// Thousands of refused requests would each log to the console, which the test platform keeps in
    /// memory for the test's report (the very memory the run measures); <see cref="ErrorLog"/> keeps
    /// what the run looks for.
    /// </summary>
    private static void QuietLogs(IDictionary<string, string?> settings)
    {
        settings["Logging:LogLevel:Default"] = "Error";
        settings["Logging:Console:LogLevel:Default"] = "None";
    }

    protected override void ConfigureServer(IDictionary<string, string?> settings)
    {
        new SeedSettings(settings).Client(AdminClient, AdminSecret, "implicit", ["client_credentials"], [], [], "sso.admin");
        settings["Server:TrustForwardedHeaders"] = "true";
        QuietLogs(settings);
    }
}
