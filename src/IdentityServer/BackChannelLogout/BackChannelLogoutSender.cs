using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Sso.IdentityServer.Audit;
using Sso.IdentityServer.Data;

namespace Sso.IdentityServer.BackChannelLogout;

/// <summary>
/// Sends the queued logout notices: all due notices at once and in parallel, each POST bounded by
/// a timeout, so one slow or dead app delays nobody else; failures are retried with growing delays
/// and every outcome is recorded on the notice and in the audit trail.
/// </summary>
public sealed class BackChannelLogoutSender(
    IServiceScopeFactory scopes,
    IHttpClientFactory httpClients,
    BackChannelLogoutSignal signal,
    LogoutTokenFactory logoutTokens,
    IOptions<BackChannelLogoutOptions> options,
    TimeProvider time,
    ILogger<BackChannelLogoutSender> logger) : BackgroundService
{
    public const string HttpClientName = "BackChannelLogout";

    private const int BatchSize = 100;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastPrune = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SendDueAsync(stoppingToken) == BatchSize)
                {
                }

                if (time.GetUtcNow() - lastPrune > TimeSpan.FromHours(1))
                {
                    await PruneAsync(stoppingToken);
                    lastPrune = time.GetUtcNow();
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                logger.LogWarning(exception, "Sending back-channel logouts failed; retrying at the next poll");
            }

            await signal.WaitAsync(options.Value.PollInterval, stoppingToken);
        }
    }

    private async Task<int> SendDueAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<SsoDbContext>();
        var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
        var now = time.GetUtcNow();
        var due = await db.BackChannelLogoutDeliveries
            .Where(delivery => delivery.Status == BackChannelLogoutStatus.Pending && delivery.NextAttemptAt <= now)
            .OrderBy(delivery => delivery.NextAttemptAt)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        if (due.Count == 0)
        {
            return 0;
        }

        var outcomes = await Task.WhenAll(due.Select(delivery => SendAsync(delivery, cancellationToken)));
        for (var i = 0; i < due.Count; i++)
        {
            Record(due[i], outcomes[i], audit);
        }

        await db.SaveChangesAsync(cancellationToken);
        return due.Count;
    }

    private async Task<string?> SendAsync(BackChannelLogoutDelivery delivery, CancellationToken cancellationToken)
    {
        try
        {
            var token = logoutTokens.Create(delivery.ClientId, delivery.UserId, delivery.SessionId);
            using var content = new FormUrlEncodedContent([new("logout_token", token)]);
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(options.Value.Timeout);
            using var response = await httpClients.CreateClient(HttpClientName).PostAsync(new Uri(delivery.LogoutUri), content, timeout.Token);
            // §2.8: the app answers 200 when the logout succeeded; anything else is a failure.
            return response.IsSuccessStatusCode ? null : $"The app answered {(int)response.StatusCode}.";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"No answer within {options.Value.Timeout.TotalSeconds:0.#} s.";
        }
        catch (HttpRequestException exception)
        {
            return exception.Message;
        }
    }

    private void Record(BackChannelLogoutDelivery delivery, string? error, AuditTrail audit)
    {
        var now = time.GetUtcNow();
        delivery.Attempts++;
        delivery.LastError = error;
        if (error is null)
        {
            delivery.Status = BackChannelLogoutStatus.Delivered;
            delivery.CompletedAt = now;
            audit.Add(AuditEventType.BackChannelLogoutDelivered, delivery.UserId, actor: "system", clientId: delivery.ClientId,
                sessionId: delivery.SessionId, detail: $"Delivered to {delivery.LogoutUri} at attempt {delivery.Attempts}.");
            return;
        }

        logger.LogWarning("Back-channel logout to {Client} failed (attempt {Attempt}): {Error}", delivery.ClientId, delivery.Attempts, error);
        if (delivery.Attempts >= options.Value.MaxAttempts)
        {
            delivery.Status = BackChannelLogoutStatus.Failed;
            delivery.CompletedAt = now;
            audit.Add(AuditEventType.BackChannelLogoutFailed, delivery.UserId, actor: "system", clientId: delivery.ClientId,
                sessionId: delivery.SessionId, detail: $"Gave up after {delivery.Attempts} attempts: {error}");
        }
        else
        {
            delivery.NextAttemptAt = now + (options.Value.FirstRetryDelay * Math.Pow(2, delivery.Attempts - 1));
        }
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
