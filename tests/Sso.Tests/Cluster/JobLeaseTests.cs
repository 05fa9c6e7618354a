using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Sso.IdentityServer.Cluster;
using Sso.IdentityServer.Hosting;
using Sso.Tests.Support;
using Xunit;

namespace Sso.Tests.Cluster;

/// <summary>Two instances sharing one database: a scheduled job runs at one of them at a time.</summary>
public sealed class JobLeaseTests(LoggedServerFixture system) : IClassFixture<LoggedServerFixture>
{
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(1);
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;
    private readonly ManualClock _clock = new(DateTimeOffset.UtcNow);

    [Fact]
    public async Task OnlyOneInstance_HoldsAJob_UntilItReleasesIt()
    {
        var job = NewJob();
        var first = Instance("first");
        var second = Instance("second");

        Assert.True(await first.TryHoldAsync(job, Lease, Cancellation));
        Assert.False(await second.TryHoldAsync(job, Lease, Cancellation));
        Assert.True(await first.TryHoldAsync(job, Lease, Cancellation));

        await first.ReleaseAsync(job, Cancellation);

        Assert.True(await second.TryHoldAsync(job, Lease, Cancellation));
        Assert.False(await first.TryHoldAsync(job, Lease, Cancellation));
    }

    [Fact]
    public async Task AnInstanceThatStopsRenewing_LosesTheJob_WhenItsLeaseExpires()
    {
        var job = NewJob();
        var dead = Instance("dead");
        var survivor = Instance("survivor");
        Assert.True(await dead.TryHoldAsync(job, Lease, Cancellation));

        _clock.Advance(Lease / 2);
        Assert.False(await survivor.TryHoldAsync(job, Lease, Cancellation));

        _clock.Advance(Lease);
        Assert.True(await survivor.TryHoldAsync(job, Lease, Cancellation));
        Assert.False(await dead.TryHoldAsync(job, Lease, Cancellation));
    }

    [Fact]
    public async Task InstancesAskingAtOnce_OneGetsEachJob_AndNoErrorIsLogged()
    {
        var jobs = Enumerable.Range(0, 10).Select(_ => NewJob()).ToList();
        var instances = Enumerable.Range(0, 6).Select(i => Instance("racer-" + i)).ToList();
        var errorsBefore = system.Log.Errors.Count;

        // On threads of their own: SQLite's driver completes "async" calls synchronously, which
        // would otherwise run the racers one after another.
        var holders = await Task.WhenAll(jobs.SelectMany(job => instances.Select(instance =>
            Task.Run(async () => (job, taken: await instance.TryHoldAsync(job, Lease, Cancellation))))));

        Assert.All(jobs, job => Assert.Single(holders, holder => holder.job == job && holder.taken));
        // Instances starting together race like this at every cluster start: losing is no error.
        Assert.Empty(system.Log.Errors.Skip(errorsBefore));
    }

    private static string NewJob() => "test." + Guid.NewGuid().ToString("N");

    // Another instance of the server: its own holder id, the same database.
    private JobLeases Instance(string name)
    {
        var services = system.ServerServices;
        var instance = new ServerInstance(Options.Create(new ServerOptions { InstanceName = name }), services.GetRequiredService<IServer>());
        return new JobLeases(services.GetRequiredService<IServiceScopeFactory>(), instance, _clock, NullLogger<JobLeases>.Instance);
    }
}
