using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Sso.Observability.Logging;

namespace Sso.Observability;

public static class TelemetryExtensions
{
    /// <summary>
    /// OpenTelemetry for one of Sso's apps: traces of requests, outgoing calls and the sign-in
    /// journey (<see cref="SignInTrace"/>), metrics of requests, runtime and the app's own meters,
    /// and logs that carry trace and span ids and never a secret (<see cref="SecretRedaction"/>).
    /// Exported over OTLP when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set (the launcher points it at
    /// its dashboard); otherwise nothing leaves the process.
    /// </summary>
    /// <param name="builder">The app's builder.</param>
    /// <param name="serviceName">How the app is named in traces and metrics.</param>
    /// <param name="ownSources">The app's own meters and activity sources.</param>
    public static IHostApplicationBuilder AddSsoTelemetry(this IHostApplicationBuilder builder, string serviceName, params string[] ownSources)
    {
        ArgumentNullException.ThrowIfNull(builder);
        string[] sources = [SignInTrace.SourceName, .. ownSources];

        // Every log line written inside a request carries its trace id, in the console too.
        builder.Logging.Configure(options =>
            options.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        // Every logger of the app, for every sink, redacts secrets (codes, tokens, verifiers).
        builder.Services.Replace(ServiceDescriptor.Singleton<ILoggerFactory>(services => new RedactingLoggerFactory(new LoggerFactory(
            services.GetServices<ILoggerProvider>(),
            services.GetRequiredService<IOptionsMonitor<LoggerFilterOptions>>(),
            services.GetService<IOptions<LoggerFactoryOptions>>(),
            services.GetService<IExternalScopeProvider>()))));
        builder.Logging.AddOpenTelemetry(logging =>
        {
            logging.IncludeFormattedMessage = true;
            logging.IncludeScopes = true;
        });

        // Query strings (codes, states) are redacted by the ASP.NET Core and HttpClient
        // instrumentation by default; that default is kept on purpose.
        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(serviceName))
            .WithTracing(tracing => tracing
                .AddAspNetCoreInstrumentation(options => options.Filter = context => !IsProbe(context))
                .AddHttpClientInstrumentation()
                .AddSource(sources))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation()
                .AddMeter(sources));
        if (!string.IsNullOrWhiteSpace(builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"]))
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    // Load balancer and launcher probes would drown the traces that matter.
    private static bool IsProbe(HttpContext context) => context.Request.Path.StartsWithSegments("/health");
}
