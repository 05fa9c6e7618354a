using System.Diagnostics;
using System.Net;
using Sso.Tests.Support;
using Xunit;

namespace Sso.Tests.Fuzzing;

/// <summary>
/// Sends every endpoint of the three apps malformed input, random and structured, for a bounded
/// time (<see cref="FuzzBudget"/>): no answer may be a 5xx, every request must be answered in time,
/// no app may log an unhandled exception, memory must stay flat, and afterwards a person still signs
/// in and an app still accepts their token. 429 (throttling) is a fine answer.
/// </summary>
[Collection(nameof(FuzzCollection))]
public sealed class EndpointFuzzTests(FuzzSystem system) : IClassFixture<FuzzSystem>
{
    /// <summary>Managed heap growth from after the warm-up to the end that counts as a leak.</summary>
    private const long MaxHeapGrowthBytes = 100L * 1024 * 1024;

    private const int Workers = 4;

    /// <summary>Far above any honest answer time on a busy 2-core machine: only a hang takes this long.</summary>
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public void Catalog_FindsEveryKnownEndpointOfTheThreeApps()
    {
        var routes = EndpointCatalog.Discover(system).Select(endpoint => $"{endpoint.Host} {endpoint.Route}").ToHashSet(StringComparer.OrdinalIgnoreCase);
        string[] expected =
        [
            "Server /.well-known/openid-configuration", "Server /.well-known/jwks", "Server /connect/authorize", "Server /connect/token",
            "Server /connect/userinfo", "Server /connect/introspect", "Server /connect/revoke", "Server /connect/endsession",
            "Server /connect/register", "Server /connect/register/{clientId}", "Server /account/login", "Server /account",
            "Server /account/password", "Server /admin/users", "Server /admin/users/{id}", "Server /admin/audit", "Server /admin/clients",
            "Server /admin/api/clients/{clientId}", "Server /error", "Server /health/ready",
            "Orders /signin-oidc", "Orders /signout-callback-oidc", "Orders /signout-backchannel", "Orders /api/orders", "Orders /account",
            "Billing /signin-oidc", "Billing /api/invoices", "Billing /api/payments", "Billing /payments", "Billing /health",
        ];
        Assert.Equal([], expected.Where(route => !routes.Contains(route)));
    }

    [Fact]
    public async Task EveryEndpoint_GivenMalformedInput_AnswersWithoutServerErrorsHangsOrLeaks()
    {
        var endpoints = EndpointCatalog.Discover(system);
        var material = new MaterialSource(system, await FuzzMaterial.GatherAsync(system));
        var cases = new FuzzCases(system, endpoints, () => material.Current);
        using var sender = new FuzzSender(system, RequestTimeout);
        var run = new FuzzRun(cases.Case, sender);

        if (FuzzBudget.ReplaySeed is { } seed)
        {
            var outcome = await run.ReplayAsync(seed, Cancellation);
            Assert.False(outcome.Failed || ServerErrors().Any(), $"{(run.Failures.Count > 0 ? run.Failures[0].Describe() : "")}\n{string.Join('\n', ServerErrors())}");
            return;
        }

        var budget = FuzzBudget.Duration;
        var warmUp = TimeSpan.FromSeconds(Math.Max(5, budget.TotalSeconds / 4));
        var runSeed = (ulong)Random.Shared.NextInt64();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancellation);
        var refreshing = material.RefreshEveryAsync(TimeSpan.FromSeconds(15), stop.Token);

        await run.RunAsync(warmUp, Workers, runSeed, Cancellation);
        var heapAfterWarmUp = SettledHeapBytes();
        var workingSetAfterWarmUp = Environment.WorkingSet;
        await run.RunAsync(budget - warmUp, Workers, runSeed + 1, Cancellation);
        await stop.CancelAsync();
        await refreshing;
        var heapAtEnd = SettledHeapBytes();

        var report = $"{run.Summary()}\nManaged heap after warm-up {Mb(heapAfterWarmUp)}, at the end {Mb(heapAtEnd)}; "
                     + $"working set {Mb(workingSetAfterWarmUp)} → {Mb(Environment.WorkingSet)}. "
                     + $"Credentials gathered again {material.Refreshes} times ({material.FailedRefreshes} failed).";
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        if (FuzzBudget.ReportPath is { } path)
        {
            await File.WriteAllTextAsync(path, report, Cancellation);
        }

        Assert.True(run.Failed == 0, $"{run.Failed} of {run.Sent} cases failed; one per endpoint and kind:\n\n"
                                     + string.Join("\n\n", run.Failures.Select(failure => failure.Describe())) + $"\n\n{report}");
        Assert.True(!ServerErrors().Any(), "The apps logged errors (unhandled exceptions):\n" + string.Join('\n', ServerErrors()));
        Assert.Equal([], endpoints.Where(endpoint => !run.PerEndpoint.ContainsKey(endpoint.Label)).Select(endpoint => endpoint.Label));
        Assert.True(heapAtEnd - heapAfterWarmUp < MaxHeapGrowthBytes,
            $"The managed heap grew by {Mb(heapAtEnd - heapAfterWarmUp)} during the run (more than {Mb(MaxHeapGrowthBytes)}).\n{report}");

        await AssertStillServesPeopleAsync();
    }

    /// <summary>After the run: all three apps are healthy, a person (new to the run) signs in and gets tokens, and an app accepts the access token.</summary>
    private async Task AssertStillServesPeopleAsync()
    {
        using var http = new HttpClient();
        foreach (var health in new[] { new Uri(system.ServerUrl, "health/ready"), new Uri(system.AppAUrl, "health"), new Uri(system.AppBUrl, "health") })
        {
            using var response = await http.GetAsync(health, Cancellation);
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{health} answered {(int)response.StatusCode} after the run.");
        }

        var person = await system.CreateUserAsync("after-fuzz");
        using var client = system.CreateClient(TestAccounts.ClientB, TestAccounts.ClientBSecret);
        var tokens = await client.GetTokensAsync(person.UserName, person.Password, TestAccounts.AppBScopes);
        using var orders = new BearerApiClient(system.AppAUrl);
        using var answer = await orders.GetAsync("api/orders", tokens.AccessToken);
        Assert.Equal(person.Id, await BearerApiClient.AssertOkAsync(answer));
    }

    private IEnumerable<string> ServerErrors() => system.ErrorLogs.SelectMany(log => log.Entries);

    /// <summary>The managed heap once garbage (and what finalizers free) is gone: what the apps really hold.</summary>
    private static long SettledHeapBytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private static string Mb(long bytes) => $"{bytes / (1024.0 * 1024.0):0.0} MB";
}
