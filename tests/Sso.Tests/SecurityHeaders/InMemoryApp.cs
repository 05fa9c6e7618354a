using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Sso.Tests.SecurityHeaders;

/// <summary>
/// One of the apps as production runs it (environment Production, its appsettings.json plus the
/// given settings) on the in-memory test server, which serves https with no certificate: how the
/// https-only behaviour (HSTS, __Host- cookies, Secure) is seen without a TLS setup.
/// </summary>
public sealed class InMemoryApp<TEntryPoint>(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null)
    : WebApplicationFactory<TEntryPoint>
    where TEntryPoint : class
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Production");
        builder.ConfigureAppConfiguration((context, configuration) =>
        {
            configuration.Sources.Clear();
            configuration.AddJsonFile(Path.Combine(context.HostingEnvironment.ContentRootPath, "appsettings.json"), optional: false);
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning" });
            configuration.AddInMemoryCollection(settings);
        });
        if (services is not null)
        {
            builder.ConfigureTestServices(services);
        }
    }
}
