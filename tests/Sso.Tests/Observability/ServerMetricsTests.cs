using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Observability;

/// <summary>The server sweeps sessions every half second, so the active-sessions gauge moves within a test.</summary>
public sealed class QuickSweepSystem() : SsoSystem(withApps: false)
{
    protected override void ConfigureServer(IDictionary<string, string?> settings) =>
        settings["Sessions:CleanupInterval"] = "00:00:00.500";
}

/// <summary>What operators read off the identity server's meters, measured as an exporter would receive it.</summary>
public sealed class ServerMetricsTests(QuickSweepSystem system) : IClassFixture<QuickSweepSystem>
{
    [Fact]
    public async Task TokensIssued_CountByGrantTypeAndClient()
    {
        using var metrics = new ServerMeasurements(system);
        using var client = system.CreateClient();
        using var service = system.CreateClient(Reporting, ReportingSecret);

        var tokens = await client.GetTokensAsync(AliceUserName, AlicePassword, "openid offline_access");
        await client.RefreshAsync(tokens.RefreshToken!);
        await service.ClientCredentialsAsync("orders.read");

        Assert.Equal(1, metrics.Sum("sso.tokens.issued", ("grant_type", "authorization_code"), ("client_id", ClientA)));
        Assert.Equal(1, metrics.Sum("sso.tokens.issued", ("grant_type", "refresh_token"), ("client_id", ClientA)));
        Assert.Equal(1, metrics.Sum("sso.tokens.issued", ("grant_type", "client_credentials"), ("client_id", Reporting)));
    }

    [Fact]
    public async Task TokenEndpointLatency_IsRecordedByGrantTypeAndOutcome()
    {
        using var metrics = new ServerMeasurements(system);
        using var service = system.CreateClient(Reporting, ReportingSecret);
        using var client = system.CreateClient();

        await service.ClientCredentialsAsync("orders.read");
        await client.RedeemCodeAsync("not-a-code", "not-a-verifier");
        await client.PostTokenAsync(new() { ["grant_type"] = "password", ["username"] = "alice", ["password"] = "x" });

        Assert.Equal(1, metrics.Count("sso.token.duration", ("grant_type", "client_credentials"), ("outcome", "success")));
        Assert.Equal(1, metrics.Count("sso.token.duration", ("grant_type", "authorization_code"), ("outcome", "invalid_grant")));
        // A grant nobody supports is "other", so made-up grant types cannot add series.
        Assert.Equal(1, metrics.Count("sso.token.duration", ("grant_type", "other"), ("outcome", "unsupported_grant_type")));
        Assert.All(metrics.Values("sso.token.duration"), seconds => Assert.InRange(seconds, 0, 60));
    }

    [Fact]
    public async Task RequestDuration_NamesTheRouteOfEveryProtocolEndpoint()
    {
        using var metrics = new ServerMeasurements(system);
        using var service = system.CreateClient(Reporting, ReportingSecret);
        using var api = system.CreateClient(BillingApi, BillingApiSecret);

        var tokens = await service.ClientCredentialsAsync("billing.read");
        await api.IntrospectAsync(tokens.AccessToken!);
        await service.RevokeAsync("not-a-token");

        // The token endpoint is routed (passthrough); introspection and revocation are OpenIddict's alone.
        // Hosting records a request's duration after its response has gone, so the client can be first.
        string[] routes = ["connect/token", "connect/introspect", "connect/revoke"];
        await Eventually.TrueAsync(
            () => Task.FromResult(routes.All(route => metrics.Count("http.server.request.duration", ("http.route", route)) > 0)),
            TimeSpan.FromSeconds(10), "every request's duration was recorded");
        Assert.All(routes, route => Assert.Equal(1, metrics.Count("http.server.request.duration", ("http.route", route))));
    }

    [Fact]
    public async Task SignIns_CountSuccessesAndFailures()
    {
        using var metrics = new ServerMeasurements(system);
        using var browser = system.CreateClient();

        using (await browser.SignInAsync(BobUserName, "not-bobs-passphrase"))
        using (await browser.SignInAsync("nobody-" + Guid.NewGuid().ToString("N"), "whatever-passphrase"))
        {
        }

        await browser.SignInOrFailAsync(AliceUserName, AlicePassword);

        Assert.Equal(2, metrics.Sum("sso.sign_ins", ("outcome", "failure")));
        Assert.Equal(1, metrics.Sum("sso.sign_ins", ("outcome", "success")));
    }

    [Fact]
    public async Task ActiveSessions_CountLiveSessions()
    {
        using var metrics = new ServerMeasurements(system);
        var user = await system.CreateUserAsync();
        long before = -1;
        await Eventually.TrueAsync(() => Task.FromResult((before = metrics.LatestGauge("sso.sessions.active")) >= 0),
            TimeSpan.FromSeconds(10), "the gauge was observed");

        using var browser = system.CreateClient();
        await browser.SignInOrFailAsync(user.UserName, user.Password);

        // Other tests of this class may sign in meanwhile: the gauge grows by at least this session.
        await Eventually.TrueAsync(() => Task.FromResult(metrics.LatestGauge("sso.sessions.active") >= before + 1),
            TimeSpan.FromSeconds(10), $"sso.sessions.active grew from {before}");
    }

    /// <summary>Every measurement of the identity server's meters (and only of this server's, though others run in this process).</summary>
    private sealed class ServerMeasurements : IDisposable
    {
        private readonly MeterListener _listener = new();
        private readonly ConcurrentQueue<(string Name, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

        public ServerMeasurements(SsoSystem system)
        {
            var meters = system.ServerServices.GetRequiredService<IMeterFactory>();
            _listener.InstrumentPublished = (instrument, listener) =>
            {
                if (instrument.Meter.Scope == meters)
                {
                    listener.EnableMeasurementEvents(instrument);
                }
            };
            _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, tags.ToArray())));
            _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, tags.ToArray())));
            _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => _measurements.Enqueue((instrument.Name, value, tags.ToArray())));
            _listener.Start();
        }

        public double Sum(string name, params (string Key, string Value)[] tags) => Matching(name, tags).Sum(measurement => measurement.Value);

        public int Count(string name, params (string Key, string Value)[] tags) => Matching(name, tags).Count();

        public IEnumerable<double> Values(string name) => Matching(name, []).Select(measurement => measurement.Value);

        /// <summary>The gauge's current value (-1 before the first sweep has set it).</summary>
        public long LatestGauge(string name)
        {
            _listener.RecordObservableInstruments();
            var last = _measurements.LastOrDefault(measurement => measurement.Name == name);
            return last.Name is null ? -1 : (long)last.Value;
        }

        public void Dispose() => _listener.Dispose();

        private IEnumerable<(string Name, double Value, KeyValuePair<string, object?>[] Tags)> Matching(string name, (string Key, string Value)[] tags) =>
            _measurements.Where(measurement => measurement.Name == name
                && tags.All(tag => measurement.Tags.Any(actual => actual.Key == tag.Key && actual.Value?.ToString() == tag.Value)));
    }
}
