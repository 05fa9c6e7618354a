using System.Collections.Concurrent;
using System.Text;
using CsCheck;

namespace Sso.Tests.Fuzzing;

/// <summary>One failing case: the seed that makes it again, the request (described, not kept: it may weigh a megabyte), and what happened.</summary>
public sealed record FuzzFailure(string Seed, string Endpoint, string Request, FuzzOutcome Outcome)
{
    public string Describe() =>
        $"{Outcome.Failure ?? $"HTTP {Outcome.Status}"} at {Endpoint}\n  {FuzzBudget.SeedVariable}={Seed}\n  {Request}";
}

/// <summary>
/// Sends generated cases from several workers until time is up. Each case is made from its own
/// seed (written down with any failure), so <see cref="ReplayAsync"/> makes the very same case
/// again. Failures are kept once per endpoint and kind of failure, and all are counted.
/// </summary>
public sealed class FuzzRun(Gen<FuzzCase> cases, FuzzSender sender)
{
    private const int KeptFailures = 20;

    private readonly ConcurrentDictionary<string, FuzzFailure> _failures = new();
    private readonly ConcurrentDictionary<string, int> _perEndpoint = new();
    private readonly ConcurrentDictionary<int, int> _perStatus = new();
    private int _failed;
    private int _sent;

    public int Sent => Volatile.Read(ref _sent);

    public int Failed => Volatile.Read(ref _failed);

    public IReadOnlyList<FuzzFailure> Failures => [.. _failures.Values];

    public IReadOnlyDictionary<string, int> PerEndpoint => _perEndpoint;

    public async Task RunAsync(TimeSpan duration, int workers, ulong runSeed, CancellationToken cancellationToken)
    {
        var until = DateTimeOffset.UtcNow + duration;
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var seeds = new PCG((uint)worker, runSeed);
            while (DateTimeOffset.UtcNow < until && !cancellationToken.IsCancellationRequested)
            {
                var seed = new PCG(seeds.Next(), seeds.Next64()).ToString();
                await SendAsync(seed, cancellationToken);
            }
        }, cancellationToken)));
    }

    /// <summary>Makes the case of <paramref name="seed"/> again and sends it.</summary>
    public async Task<FuzzOutcome> SendAsync(string seed, CancellationToken cancellationToken)
    {
        var fuzzCase = cases.Generate(PCG.Parse(seed), null!, out _);
        var outcome = await sender.SendAsync(fuzzCase, cancellationToken);
        Interlocked.Increment(ref _sent);
        _perEndpoint.AddOrUpdate(fuzzCase.Endpoint.Label, 1, (_, count) => count + 1);
        _perStatus.AddOrUpdate(outcome.Status ?? 0, 1, (_, count) => count + 1);
        if (outcome.Failed)
        {
            Interlocked.Increment(ref _failed);
            var kind = $"{fuzzCase.Endpoint.Label} {outcome.Status} {outcome.Failure}";
            if (_failures.Count < KeptFailures)
            {
                _failures.TryAdd(kind, new FuzzFailure(seed, fuzzCase.Endpoint.Label, fuzzCase.Describe(), outcome));
            }
        }

        return outcome;
    }

    public Task<FuzzOutcome> ReplayAsync(string seed, CancellationToken cancellationToken) => SendAsync(seed, cancellationToken);

    public string Summary()
    {
        var text = new StringBuilder($"{Sent} cases, {Failed} failed. Answers: ");
        text.AppendJoin(", ", _perStatus.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "none" : s.Key)}×{s.Value}"));
        text.Append("\nCases per endpoint:");
        foreach (var (endpoint, count) in _perEndpoint.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            text.Append("\n  ").Append(count.ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(6)).Append("  ").Append(endpoint);
        }

        return text.ToString();
    }
}
