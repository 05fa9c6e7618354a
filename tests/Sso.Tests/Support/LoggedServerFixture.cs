using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace Sso.Tests.Support;

/// <summary>The identity server alone, on a fresh database, keeping its warnings and errors for the test to read.</summary>
public sealed class LoggedServerFixture() : SsoSystem(withApps: false)
{
    public CapturedLog Log { get; } = new();

    protected override void ConfigureHost(ClientApp? app, IWebHostBuilder builder) =>
        builder.ConfigureLogging(logging => logging.AddProvider(Log));
}
