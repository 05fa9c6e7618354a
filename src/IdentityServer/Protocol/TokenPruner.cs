using System.Diagnostics;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using Sso.IdentityServer.Cluster;

namespace Sso.IdentityServer.Protocol;

/// <summary>
/// Deletes tokens and authorizations nobody can use any more (expired, redeemed, revoked; ad-hoc
/// authorizations left without tokens) once they are older than <see cref="TokenPruningOptions.Retention"/>,
/// so the database does not grow without bound: every refresh and code redemption adds rows.
/// Every instance ticks (at start, then every interval); only the holder of the job's lease prunes, so a cluster prunes once.
/// Each kind gets at most <see cref="TokenPruningOptions.MaxPassDuration"/> per pass: OpenIddict
/// deletes in batches, each its own short transaction, so live requests write between batches,
/// and stopping a pass midway loses nothing (the next pass continues).
/// </summary>
public sealed class TokenPruner(IServiceScopeFactory scopes, IOptions<TokenPruningOptions> options, JobLeases leases,
    TimeProvider time, ILogger<TokenPruner> logger) : LeasedJob(leases, time, logger)
{
    protected override string JobName => "tokens.prune";

    protected override TimeSpan Interval => options.Value.Interval;

    protected override bool Enabled => options.Value.Enabled;

    // Instances restarted more often than the interval (rolling deployments) would otherwise never prune.
    protected override bool RunsAtStart => true;

    protected override Task RunAsync(CancellationToken cancellationToken) => PruneOnceAsync(cancellationToken);

    /// <summary>One pass: tokens first (an authorization's tokens go before it anyway), then authorizations.</summary>
    public async Task PruneOnceAsync(CancellationToken cancellationToken)
    {
        var threshold = Time.GetUtcNow() - options.Value.Retention;
        await PruneAsync("tokens", threshold,
            (provider, cancel) => provider.GetRequiredService<IOpenIddictTokenManager>().CountAsync(cancel),
            (provider, cancel) => provider.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, cancel),
            cancellationToken);
        await PruneAsync("authorizations", threshold,
            (provider, cancel) => provider.GetRequiredService<IOpenIddictAuthorizationManager>().CountAsync(cancel),
            (provider, cancel) => provider.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, cancel),
            cancellationToken);
    }

    private async Task PruneAsync(string what, DateTimeOffset threshold,
        Func<IServiceProvider, CancellationToken, ValueTask<long>> count,
        Func<IServiceProvider, CancellationToken, ValueTask<long>> prune,
        CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var before = await count(scope.ServiceProvider, stoppingToken);
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        budget.CancelAfter(options.Value.MaxPassDuration);
        var clock = Stopwatch.StartNew();
        long removed;
        var finished = true;
        try
        {
            removed = await prune(scope.ServiceProvider, budget.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // The budget ran out between or inside a batch: each batch is its own transaction, so
            // what was deleted stays deleted, and the rows that are gone say how much that was
            // (less whatever live requests added meanwhile).
            finished = false;
            removed = Math.Max(0, before - await count(scope.ServiceProvider, stoppingToken));
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Logger.LogInformation("Pruned {Count} {What} of {Before} (created before {Threshold}) in {Seconds:F1} s, {Outcome}",
            removed, what, before, threshold, seconds, finished ? "pass finished" : "time budget reached, the next pass continues");
    }
}
