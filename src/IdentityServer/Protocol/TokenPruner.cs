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
    TimeProvider time, ILogger<TokenPruner> logger) : BackgroundService
{
    public const string JobName = "tokens.prune";

    // Several ticks, so one slow pass or a little clock skew does not hand the job over.
    private TimeSpan LeaseDuration => options.Value.Interval * 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        // A pass at start, then one per interval: instances restarted more often than the interval
        // (rolling deployments) would otherwise never prune.
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        do
        {
            try
            {
                if (await leases.TryHoldAsync(JobName, LeaseDuration, stoppingToken))
                {
                    await PruneOnceAsync(stoppingToken);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // A locked or unreachable database: try again at the next tick.
                logger.LogWarning(exception, "Pruning tokens and authorizations failed");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    /// <summary>One pass: tokens first (an authorization's tokens go before it anyway), then authorizations.</summary>
    public async Task PruneOnceAsync(CancellationToken cancellationToken)
    {
        var threshold = time.GetUtcNow() - options.Value.Retention;
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
        logger.LogInformation("Pruned {Count} {What} of {Before} (created before {Threshold}) in {Seconds:F1} s, {Outcome}",
            removed, what, before, threshold, seconds, finished ? "pass finished" : "time budget reached, the next pass continues");
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await leases.ReleaseAsync(JobName, cancellationToken);
    }
}
