using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Sso.IdentityServer.Protocol;
using Sso.RelyingParty.Sessions;
using Sso.Tests.Support;
using Xunit;
using static Microsoft.Playwright.Assertions;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.SingleSignOut;

/// <summary>Single sign-out as a person sees it in the browser: one sign-out (or one logout token) ends the app sessions it names.</summary>
public sealed class SingleSignOutJourneyTests(FullSystemFixture system, BrowserFixture browser)
    : IClassFixture<FullSystemFixture>, IClassFixture<BrowserFixture>
{
    /// <summary>The server sends logout notices at once, in the background; generous for a busy machine.</summary>
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task LogoutTokenForTheSessionId_EndsTheSessionAtA_AndLeavesB()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var atA = await AccountPage.SignInAsync(page, system.AppAUrl, system.Issuer, AliceUserName, AlicePassword);
        var subject = (await atA.Subject.InnerTextAsync()).Trim();
        var sessionId = (await atA.SessionId.InnerTextAsync()).Trim();
        Assert.NotEqual("none", sessionId);
        await AccountPage.GoToAsync(page, system.AppBUrl);
        var atB = await AccountPage.ExpectAsync(page, system.AppBUrl);
        await Expect(atB.SessionId).ToHaveTextAsync(sessionId);

        using var forge = LogoutTokenForge.For(system);
        using var sender = new BackChannelLogoutSender(system.AppAUrl);
        using (var response = await sender.PostAsync(forge.Create(ClientA, sessionId, subject)))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        // A had to ask the identity server again (whose session lives, so no password)...
        using var visitToA = new NavigationLog(page);
        await AccountPage.GoToAsync(page, system.AppAUrl);
        await Expect((await AccountPage.ExpectAsync(page, system.AppAUrl)).Subject).ToHaveTextAsync(subject);
        Assert.True(visitToA.Visited(system.Issuer, "/" + ProtocolRoutes.Authorization), visitToA.ToString());

        // ...while B, which the token was not for, kept its session.
        using var visitToB = new NavigationLog(page);
        await AccountPage.GoToAsync(page, system.AppBUrl);
        await AccountPage.ExpectAsync(page, system.AppBUrl);
        Assert.False(visitToB.Visited(system.Issuer, "/" + ProtocolRoutes.Authorization), visitToB.ToString());
    }

    [Fact]
    public async Task SignOutAtA_EndsTheSessionAtB_ThroughABackChannelLogout()
    {
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();
        var atA = await AccountPage.SignInAsync(page, system.AppAUrl, system.Issuer, BobUserName, BobPassword);
        var subject = (await atA.Subject.InnerTextAsync()).Trim();
        await AccountPage.GoToAsync(page, system.AppBUrl);
        await AccountPage.ExpectAsync(page, system.AppBUrl);
        var sessionsAtB = system.AppServices(ClientApp.B).GetRequiredService<AppSessions>();
        Assert.Equal(1, await sessionsAtB.CountBySubjectAsync(subject, TestContext.Current.CancellationToken));

        await AccountPage.GoToAsync(page, system.AppAUrl);
        await (await AccountPage.ExpectAsync(page, system.AppAUrl)).SignOutAsync();

        // The identity server ended its session and POSTed a logout token to B's endpoint.
        await Eventually.TrueAsync(
            async () => await sessionsAtB.CountBySubjectAsync(subject, TestContext.Current.CancellationToken) == 0,
            Soon, "B's session ended by the identity server's logout token");
        // B no longer knows the person, and neither does the server: the password is asked.
        await AccountPage.GoToAsync(page, system.AppBUrl);
        await SignInPage.ExpectAsync(page, system.Issuer);
    }
}
