using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sso.IdentityServer.Audit;
using Sso.IdentityServer.Cluster;
using Sso.IdentityServer.Data;

namespace Sso.IdentityServer.BackChannelLogout;

/// <summary>
/// Sends the queued logout notices. Each notice is its own task with its own timeout, so one slow
/// or dead app delays neither the sign-out (which only queued it) nor any other app's notice.
/// Failures are retried with growing delays, and every outcome is recorded on the notice and in
/// the audit trail. A notice interrupted by a shutdown stays pending and is sent after the restart.
/// In a cluster only the holder of the outbox lease sends (and prunes), so each notice goes out once
/// in the normal case; an instance that loses its lease mid-send may let a notice go out twice,
/// which receivers tolerate (the logout it asks for is already done).
/// </summary>
public sealed class BackChannelLogoutSender(
    IServiceScopeFactory scopes,
    IHttpClientFactory httpClients,
    BackChannelLogoutSignal signal,
    LogoutTokenFactory logoutTokens,
    JobLeases leases,
    IOptions<BackChannelLogoutOptions> options,
    TimeProvider time,
    ILogger<BackChannelLogoutSender> logger) : BackgroundService
{
    public const string HttpClientName = "BackChannelLogout";

    public const string JobName = "backchannel-logout.outbox";

    /// <summary>Enough for bursts (a ban ending many sessions) without opening unbounded connections.</summary>
    private const int MaxInFlight = 64;

    // Ids being sent right now (written by the sending tasks), and those tasks (the loop's alone).
    private readonly ConcurrentDictionary<long, bool> _inFlight = new();
    private readonly List<Task> _sending = [];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastPrune = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = options.Value.PollInterval;
            try
            {
                // Another instance sends while it holds the lease; this one keeps polling to take over.
                if (await leases.TryHoldAsync(JobName, LeaseDuration, stoppingToken))
                {
                    wait = await StartDueAsync(stoppingToken);
                    if (time.GetUtcNow() - lastPrune > TimeSpan.FromHours(1))
                    {
                        await PruneAsync(stoppingToken);
                        lastPrune = time.GetUtcNow();
                    }
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Reading the back-channel logout outbox failed; retrying at the next poll");
            }

            await signal.WaitAsync(wait, stoppingToken);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await Task.WhenAll(_sending);
        await leases.ReleaseAsync(JobName, cancellationToken);
    }

    // Several polls, so a slow outbox query or a little clock skew does not hand the job over.
    private TimeSpan LeaseDuration => options.Value.PollInterval * 3;

    /// <summary>Starts every due notice not already being sent; returns how long until the next one is due.</summary>
    private async Task<TimeSpan> StartDueAsync(CancellationToken stoppingToken)
    {
        _sending.RemoveAll(task => task.IsCompleted);
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SsoDbContext>();
        var now = time.GetUtcNow();
        var busy = _inFlight.Keys.ToList();
        var pending = db.BackChannelLogoutDeliveries.AsNoTracking()
            .Where(delivery => delivery.Status == BackChannelLogoutStatus.Pending && !busy.Contains(delivery.Id));
        var due = await pending.Where(delivery => delivery.NextAttemptAt <= now)
            .OrderBy(delivery => delivery.NextAttemptAt)
            .Take(Math.Max(0, MaxInFlight - busy.Count))
            .ToListAsync(stoppingToken);
        foreach (var delivery in due)
        {
            _inFlight[delivery.Id] = true;
            _sending.Add(Task.Run(() => DeliverAsync(delivery, stoppingToken), CancellationToken.None));
        }

        var next = await pending.Where(delivery => delivery.NextAttemptAt > now)
            .OrderBy(delivery => delivery.NextAttemptAt)
            .Select(delivery => (DateTimeOffset?)delivery.NextAttemptAt)
            .FirstOrDefaultAsync(stoppingToken);
        var untilNext = next is { } at ? at - now : options.Value.PollInterval;
        return untilNext < options.Value.PollInterval ? untilNext : options.Value.PollInterval;
    }

    private async Task DeliverAsync(BackChannelLogoutDelivery delivery, CancellationToken stoppingToken)
    {
        try
        {
            var error = await SendAsync(delivery, stoppingToken);
            await RecordAsync(delivery.Id, error, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: the notice stays pending for the next start.
        }
        catch (Exception exception)
        {
            logger.LogWarning(exception, "Recording the back-channel logout to {Client} failed", delivery.ClientId);
        }
        finally
        {
            _inFlight.TryRemove(delivery.Id, out _);
            signal.Notify(); // the loop recomputes when to wake, so a retry goes out when it is due
        }
    }

    private async Task<string?> SendAsync(BackChannelLogoutDelivery delivery, CancellationToken stoppingToken)
    {
        try
        {
            var token = logoutTokens.Create(delivery.ClientId, delivery.UserId, delivery.SessionId);
            using var content = new FormUrlEncodedContent([new("logout_token", token)]);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
            timeout.CancelAfter(options.Value.Timeout);
            using var response = await httpClients.CreateClient(HttpClientName).PostAsync(new Uri(delivery.LogoutUri), content, timeout.Token);
            // §2.8: the app answers 200 when the logout succeeded; anything else is a failure.
            return response.IsSuccessStatusCode ? null : $"The app answered {(int)response.StatusCode}.";
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return $"No answer within {options.Value.Timeout.TotalSeconds:0.#} s.";
        }
        catch (HttpRequestException exception)
        {
            return exception.Message;
        }
    }

    private async Task RecordAsync(long deliveryId, string? error, CancellationToken stoppingToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SsoDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        var delivery = await db.BackChannelLogoutDeliveries.SingleOrDefaultAsync(candidate => candidate.Id == deliveryId, stoppingToken);
        if (delivery is null || delivery.Status != BackChannelLogoutStatus.Pending)
        {
            return;
        }

        var now = time.GetUtcNow();
        delivery.Attempts++;
        delivery.LastError = error;
        if (error is null)
        {
            delivery.Status = BackChannelLogoutStatus.Delivered;
            delivery.CompletedAt = now;
            audit.Add(AuditEventType.BackChannelLogoutDelivered, delivery.UserId, actor: "system", clientId: delivery.ClientId,
                sessionId: delivery.SessionId, detail: $"Delivered to {delivery.LogoutUri} at attempt {delivery.Attempts}.");
        }
        else if (delivery.Attempts >= options.Value.MaxAttempts)
        {
            delivery.Status = BackChannelLogoutStatus.Failed;
            delivery.CompletedAt = now;
            audit.Add(AuditEventType.BackChannelLogoutFailed, delivery.UserId, actor: "system", clientId: delivery.ClientId,
                sessionId: delivery.SessionId, detail: $"Gave up after {delivery.Attempts} attempts: {error}");
            logger.LogWarning("Back-channel logout to {Client} failed for good after {Attempts} attempts: {Error}",
                delivery.ClientId, delivery.Attempts, error);
        }
        else
        {
            delivery.NextAttemptAt = now + (options.Value.FirstRetryDelay * Math.Pow(2, delivery.Attempts - 1));
            logger.LogInformation("Back-channel logout to {Client} failed (attempt {Attempt}), retrying: {Error}",
                delivery.ClientId, delivery.Attempts, error);
        }

        await db.SaveChangesAsync(stoppingToken);
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SsoDbContext>();
        var cutoff = time.GetUtcNow() - options.Value.Retention;
        await db.BackChannelLogoutDeliveries
            .Where(delivery => delivery.Status != BackChannelLogoutStatus.Pending && delivery.CreatedAt < cutoff)
            .ExecuteDeleteAsync(cancellationToken);
    }
}
