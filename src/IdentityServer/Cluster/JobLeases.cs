using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Sso.IdentityServer.Data;

namespace Sso.IdentityServer.Cluster;

/// <summary>
/// Runs a scheduled job once per cluster: before each run, a job takes or renews its lease row with a
/// conditional UPDATE (held by me, or expired), which both SQLite and PostgreSQL apply atomically, so
/// two instances can never both succeed. A holder that dies simply stops renewing; once the lease
/// expires the next instance to ask takes over. Instants come from each instance's clock, so the
/// lease lasts several job intervals to absorb clock skew between machines.
/// </summary>
public sealed class JobLeases(IServiceScopeFactory scopes, ServerInstance instance, TimeProvider time, ILogger<JobLeases> logger)
{
    // Until when this instance knows it holds each lease: renewing is skipped while most of it remains,
    // so a job that wakes often (the logout outbox) does not write to the database at every wake.
    private readonly ConcurrentDictionary<string, DateTimeOffset> _heldUntil = new(StringComparer.Ordinal);

    /// <summary>True when this instance holds (now or after renewing) the lease on <paramref name="job"/> for <paramref name="duration"/>.</summary>
    public async Task<bool> TryHoldAsync(string job, TimeSpan duration, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_heldUntil.TryGetValue(job, out var until) && until - now > duration * 2 / 3)
        {
            return true;
        }

        var holder = instance.LeaseHolder;
        var expires = now + duration;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SsoDbContext>();
        var taken = await db.JobLeases
            .Where(lease => lease.Name == job && (lease.Holder == holder || lease.ExpiresAt <= now))
            .ExecuteUpdateAsync(lease => lease.SetProperty(l => l.Holder, holder).SetProperty(l => l.ExpiresAt, expires), cancellationToken) == 1;
        if (!taken)
        {
            // The job's first lease: instances starting together all find no row, and a plain INSERT
            // would fail at all but one (EF Core logs each failure as an error, which operators alert
            // on). Both stores skip a conflicting row instead; whoever inserted it holds the lease.
            // ExpiresAt is stored as UnixTimeConverter stores it.
            taken = await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "JobLeases" ("Name", "Holder", "ExpiresAt") VALUES ({job}, {holder}, {expires.ToUnixTimeMilliseconds()}) ON CONFLICT DO NOTHING""",
                cancellationToken) == 1;
        }

        if (!taken)
        {
            _heldUntil.TryRemove(job, out _);
            return false;
        }

        if (!_heldUntil.ContainsKey(job))
        {
            logger.LogInformation("This instance ({Holder}) now runs {Job}", holder, job);
        }

        _heldUntil[job] = expires;
        return true;
    }

    /// <summary>Gives the lease up at shutdown so another instance takes the job over at once instead of after it expires.</summary>
    public async Task ReleaseAsync(string job, CancellationToken cancellationToken)
    {
        if (!_heldUntil.TryRemove(job, out _))
        {
            return;
        }

        try
        {
            var holder = instance.LeaseHolder;
            var now = time.GetUtcNow();
            await using var scope = scopes.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<SsoDbContext>();
            await db.JobLeases.Where(lease => lease.Name == job && lease.Holder == holder)
                .ExecuteUpdateAsync(lease => lease.SetProperty(l => l.ExpiresAt, now), cancellationToken);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            // The lease then simply expires.
            logger.LogWarning(exception, "Releasing the lease on {Job} failed", job);
        }
    }
}
