using System.Collections.Concurrent;
using Microsoft.Playwright;
using Sso.IdentityServer.Accounts;
using Sso.IdentityServer.Cluster;
using Sso.IdentityServer.Protocol;
using Sso.Tests.Support;
using Xunit;
using static Microsoft.Playwright.Assertions;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Cluster;

/// <summary>A person in a real browser, with the identity server behind nginx as two instances.</summary>
public sealed class ClusterBrowserTests(ClusterWithAppsSystem system, BrowserFixture browser)
    : IClassFixture<ClusterWithAppsSystem>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SignedInThroughTheBalancer_LaterRequestsAlternateInstances_WithNoNewSignIn()
    {
        ClusterSystem.SkipUnlessAvailable();
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var servedBy = new InstanceLog(page, system.Issuer);

        await AccountPage.SignInAsync(page, system.AppAUrl, system.Issuer, AliceUserName, AlicePassword);
        servedBy.Clear();

        // The SSO hop to Billing goes through the balancer and needs no password.
        using (var visitToB = new NavigationLog(page))
        {
            await AccountPage.GoToAsync(page, system.AppBUrl);
            var atB = await AccountPage.ExpectAsync(page, system.AppBUrl);
            await Expect(atB.UserName).ToHaveTextAsync(AliceDisplayName);
            Assert.True(visitToB.Visited(system.Issuer, "/" + ProtocolRoutes.Authorization), visitToB.ToString());
            Assert.False(visitToB.Visited(system.Issuer, AccountRoutes.Login), visitToB.ToString());
        }

        // Every later page at the identity server, whichever instance serves it, knows the person.
        for (var i = 0; i < 4; i++)
        {
            using var visit = new NavigationLog(page);
            var account = await IdentityServerAccountPage.GoToAsync(page, system.Issuer);
            await Expect(account.CurrentRow).ToHaveCountAsync(1);
            Assert.False(visit.Visited(system.Issuer, AccountRoutes.Login), visit.ToString());
        }

        Assert.Equal([ClusterSystem.FirstName, ClusterSystem.SecondName], servedBy.Instances.Distinct().Order());
    }

    /// <summary>Which instance answered each of the browser's requests to the balancer (the X-Sso-Instance header).</summary>
    private sealed class InstanceLog
    {
        private readonly ConcurrentQueue<string> _instances = new();

        public InstanceLog(IPage page, Uri balancer)
        {
            page.Response += (_, response) =>
            {
                if (new Uri(response.Url).GetLeftPart(UriPartial.Authority) == balancer.GetLeftPart(UriPartial.Authority)
                    && response.Headers.TryGetValue(InstanceHeader.Name.ToLowerInvariant(), out var instance))
                {
                    _instances.Enqueue(instance);
                }
            };
        }

        public IReadOnlyList<string> Instances => [.. _instances];

        public void Clear() => _instances.Clear();
    }
}
