namespace Sso.IdentityServer.Cluster;

/// <summary>
/// A scheduled job that runs once per cluster: every instance ticks every <see cref="Interval"/>,
/// and only the holder of the job's lease (<see cref="JobLeases"/>) runs it. The lease lasts
/// several ticks, so one slow run or a little clock skew between machines does not hand it over,
/// and is given up at shutdown so another instance takes over at once. A failed run (a locked or
/// unreachable database) is logged and tried again at the next tick.
/// </summary>
public abstract class LeasedJob(JobLeases leases, TimeProvider time, ILogger logger) : BackgroundService
{
    protected TimeProvider Time { get; } = time;

    protected ILogger Logger { get; } = logger;

    /// <summary>The lease's name, unique per job.</summary>
    protected abstract string JobName { get; }

    protected abstract TimeSpan Interval { get; }

    /// <summary>False when the job's options turn it off.</summary>
    protected virtual bool Enabled => true;

    /// <summary>True to run at start as well, not only after the first interval.</summary>
    protected virtual bool RunsAtStart => false;

    protected abstract Task RunAsync(CancellationToken cancellationToken);

    protected sealed override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(Interval, Time);
        if (!RunsAtStart && !await timer.WaitForNextTickAsync(stoppingToken))
        {
            return;
        }

        do
        {
            try
            {
                if (await leases.TryHoldAsync(JobName, Interval * 3, stoppingToken))
                {
                    await RunAsync(stoppingToken);
                }
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                Logger.LogWarning(exception, "The scheduled job {Job} failed; it runs again in {Interval}", JobName, Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await leases.ReleaseAsync(JobName, cancellationToken);
    }
}
