using System.Diagnostics.Metrics;

namespace Sso.IdentityServer.Observability;

/// <summary>
/// The identity server's own metrics, next to ASP.NET Core's <c>http.server.request.duration</c>
/// (which has an <c>http.route</c> for every protocol endpoint, see
/// <see cref="ProtocolEndpointTelemetryMiddleware"/>). Every tag value comes from a small known set
/// (or from a registered client), never from raw input, so nobody can flood the metrics store with
/// made-up series.
/// </summary>
public sealed class ServerMetrics
{
    public const string MeterName = "Sso.IdentityServer";

    private readonly Counter<long> _tokensIssued;
    private readonly Counter<long> _signIns;
    private readonly Histogram<double> _tokenDuration;
    private long _activeSessions;

    public ServerMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _tokensIssued = meter.CreateCounter<long>("sso.tokens.issued", "{token}", "Access tokens issued, by grant type and client.");
        _signIns = meter.CreateCounter<long>("sso.sign_ins", "{sign-in}", "Password sign-ins, by outcome (success, failure).");
        _tokenDuration = meter.CreateHistogram("sso.token.duration", "s",
            "Time the token endpoint took to answer, by grant type and outcome (success or the OAuth error).",
            tags: null,
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 10] });
        meter.CreateObservableGauge("sso.sessions.active", () => Interlocked.Read(ref _activeSessions), "{session}",
            "Live single sign-on sessions, as of the last sweep.");
    }

    public void TokenIssued(string? grantType, string? clientId) =>
        _tokensIssued.Add(1, new KeyValuePair<string, object?>("grant_type", grantType), new KeyValuePair<string, object?>("client_id", clientId));

    public void SignIn(bool succeeded) =>
        _signIns.Add(1, new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "failure"));

    /// <param name="seconds">How long the request took.</param>
    /// <param name="grantType">One of the grants this server knows, or "other".</param>
    /// <param name="outcome">"success" or a standard OAuth error code.</param>
    public void TokenRequestCompleted(double seconds, string grantType, string outcome) =>
        _tokenDuration.Record(seconds, new KeyValuePair<string, object?>("grant_type", grantType), new KeyValuePair<string, object?>("outcome", outcome));

    public void ActiveSessions(long count) => Interlocked.Exchange(ref _activeSessions, count);
}
