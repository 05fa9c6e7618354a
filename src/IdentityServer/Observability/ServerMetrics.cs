using System.Diagnostics.Metrics;

namespace Sso.IdentityServer.Observability;

/// <summary>
/// The identity server's own metrics. Token endpoint latency is ASP.NET Core's
/// <c>http.server.request.duration</c> for the route <c>/connect/token</c>; these add what only the
/// server knows.
/// </summary>
public sealed class ServerMetrics
{
    public const string MeterName = "Sso.IdentityServer";

    private readonly Counter<long> _tokensIssued;
    private readonly Counter<long> _signIns;
    private long _activeSessions;

    public ServerMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        _tokensIssued = meter.CreateCounter<long>("sso.tokens.issued", "{token}", "Access tokens issued, by grant type and client.");
        _signIns = meter.CreateCounter<long>("sso.sign_ins", "{sign-in}", "Password sign-ins, by outcome (success, failure).");
        meter.CreateObservableGauge("sso.sessions.active", () => Interlocked.Read(ref _activeSessions), "{session}",
            "Live single sign-on sessions, as of the last sweep.");
    }

    public void TokenIssued(string? grantType, string? clientId) =>
        _tokensIssued.Add(1, new KeyValuePair<string, object?>("grant_type", grantType), new KeyValuePair<string, object?>("client_id", clientId));

    public void SignIn(bool succeeded) =>
        _signIns.Add(1, new KeyValuePair<string, object?>("outcome", succeeded ? "success" : "failure"));

    public void ActiveSessions(long count) => Interlocked.Exchange(ref _activeSessions, count);
}
