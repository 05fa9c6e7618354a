using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sso.IdentityServer.Admin;
using Sso.IdentityServer.Audit;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Admin;

/// <summary>The audit trail page (/admin/audit): filters and paging, over HTTP.</summary>
public sealed class AuditTrailTests(IdentityServerFixture system) : IClassFixture<IdentityServerFixture>
{
    [Fact]
    public async Task FailedAndSuccessfulSignIns_AreFound_ByTypeAndUser()
    {
        var person = await system.CreateUserAsync();
        using (var attempt = system.CreateClient())
        {
            using var failed = await attempt.SignInAsync(person.UserName, "not-the-password");
            using var succeeded = await attempt.SignInAsync(person.UserName, person.Password);
        }

        using var alice = await system.SignedInClientAsync(AliceUserName, AlicePassword);

        var failures = await alice.GetPageAsync($"admin/audit?type=SignInFailed&user={person.UserName.ToUpperInvariant()}");
        var successes = await alice.GetPageAsync($"admin/audit?type=SignInSucceeded&user={person.UserName}");
        var everything = await alice.GetPageAsync($"admin/audit?user={person.UserName}");

        Assert.Equal([nameof(AuditEventType.SignInFailed)], failures.AuditTypes);
        Assert.Contains(person.UserName, Assert.Single(failures.AuditRows), StringComparison.Ordinal);
        Assert.Equal([nameof(AuditEventType.SignInSucceeded)], successes.AuditTypes);
        // Newest first: the session started just before the successful sign-in was recorded.
        Assert.Equal(
            [nameof(AuditEventType.SignInSucceeded), nameof(AuditEventType.SessionStarted), nameof(AuditEventType.SignInFailed)],
            everything.AuditTypes);
    }

    [Fact]
    public async Task DayFilters_IncludeToday_AndExcludeOtherDays()
    {
        var person = await system.CreateUserAsync();
        using (var attempt = system.CreateClient())
        {
            using var failed = await attempt.SignInAsync(person.UserName, "not-the-password");
        }

        using var alice = await system.SignedInClientAsync(AliceUserName, AlicePassword);
        // The page's days are UTC days; around midnight "today" may already be yesterday's.
        var today = DateTime.UtcNow.Date;
        string Day(int offset) => today.AddDays(offset).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        var around = await alice.GetPageAsync($"admin/audit?user={person.UserName}&from={Day(-1)}&to={Day(0)}");
        var later = await alice.GetPageAsync($"admin/audit?user={person.UserName}&from={Day(1)}");
        var earlier = await alice.GetPageAsync($"admin/audit?user={person.UserName}&to={Day(-2)}");

        Assert.Single(around.AuditRows);
        Assert.Empty(later.AuditRows);
        Assert.Empty(earlier.AuditRows);
    }

    [Fact]
    public async Task TheTrail_IsPagedNewestFirst_WithAnOlderLink()
    {
        var userName = "paged-" + Guid.NewGuid().ToString("N")[..8];
        await using (var scope = system.ServerServices.CreateAsyncScope())
        {
            var audit = scope.ServiceProvider.GetRequiredService<AuditTrail>();
            for (var i = 0; i < AuditModel.PageSize + 10; i++)
            {
                audit.Add(AuditEventType.SignInFailed, userName: userName, detail: $"attempt {i}");
            }

            await audit.RecordAsync(AuditEventType.SignInFailed, userName: userName, detail: "last attempt", cancellationToken: TestContext.Current.CancellationToken);
        }

        using var alice = await system.SignedInClientAsync(AliceUserName, AlicePassword);

        var newest = await alice.GetPageAsync($"admin/audit?user={userName}");
        var older = await alice.GetPageAsync(newest.LinkOf("older-events") ?? throw new InvalidOperationException("No older link."));

        Assert.Equal(AuditModel.PageSize, newest.AuditEventIds.Count);
        Assert.Contains("last attempt", newest.AuditRows[0], StringComparison.Ordinal);
        Assert.Equal(newest.AuditEventIds.OrderDescending(), newest.AuditEventIds);
        Assert.Equal(11, older.AuditEventIds.Count);
        Assert.True(older.AuditEventIds.Max() < newest.AuditEventIds.Min());
        Assert.Contains("attempt 0", older.AuditRows[^1], StringComparison.Ordinal);
        Assert.Null(older.LinkOf("older-events"));
    }

    [Theory]
    [InlineData("type=NoSuchType")]
    [InlineData("from=yesterday")]
    [InlineData("before=-5")]
    public async Task BadFilterValues_AreShownAsErrors_NotServerErrors(string query)
    {
        using var alice = await system.SignedInClientAsync(AliceUserName, AlicePassword);

        var page = await alice.GetPageAsync($"admin/audit?{query}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Empty(page.AuditRows);
        Assert.Contains("validation-summary-errors", page.Html, StringComparison.Ordinal);
    }
}
