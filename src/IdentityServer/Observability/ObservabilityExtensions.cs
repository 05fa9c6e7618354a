using Sso.Observability;

namespace Sso.IdentityServer.Observability;

public static class ObservabilityExtensions
{
    public const string ServiceName = "sso-identity-server";

    /// <summary>OpenTelemetry (traces, metrics, logs) with the server's own metrics.</summary>
    public static WebApplicationBuilder AddObservability(this WebApplicationBuilder builder)
    {
        builder.AddSsoTelemetry(ServiceName, ServerMetrics.MeterName);
        builder.Services.AddSingleton<ServerMetrics>();
        builder.Services.AddOpenIddict().AddServer(server => server.AddEventHandler(TokenIssuanceMetrics.Descriptor));
        return builder;
    }

    /// <summary>First in the pipeline, so everything a sign-in does is part of the app's trace.</summary>
    public static WebApplication UseObservability(this WebApplication app)
    {
        app.UseMiddleware<SignInTraceMiddleware>();
        app.UseMiddleware<ProtocolEndpointTelemetryMiddleware>();
        return app;
    }
}
