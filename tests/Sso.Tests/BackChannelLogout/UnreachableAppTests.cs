using System.Net;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.BackChannelLogout;

/// <summary>
/// A signed-in person used both real apps; Orders' logout endpoint hangs or is down. Signing out
/// answers at once, and Billing's session ends while Orders' delivery is still outstanding: the
/// bounds below are shorter than one delivery attempt to Orders may take, so a sender that waited
/// for Orders first, or a sign-out that waited for the deliveries, would fail them.
/// </summary>
public abstract class UnreachableAppTests<TSystem>(TSystem system)
    where TSystem : UnreachableAppSystem
{
    private static readonly TimeSpan WellWithinOneDelivery = UnreachableAppSystem.DeliveryTimeout / 3;

    [Fact]
    public async Task SignOut_AnswersAtOnce_AndTheOtherAppsSessionEnds_WhileOneAppCannotBeReached()
    {
        using var atA = await AppSessionClient.SignInAsync(system, ClientApp.A, AliceUserName, AlicePassword);
        using var atB = await atA.OpenAppInSameBrowserAsync(system, ClientApp.B);
        Assert.True(await atB.IsSignedInAtAppAsync());

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        deadline.CancelAfter(WellWithinOneDelivery);
        using var signOut = await atA.IdentityServer.Http.PostAsync("account?handler=SignOutEverywhere",
            new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = await atA.IdentityServer.GetFormTokenAsync("account"),
            }), deadline.Token);
        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);

        await Eventually.TrueAsync(async () => !await atB.IsSignedInAtAppAsync(), WellWithinOneDelivery,
            "Billing's session ended while Orders could not be reached");
        if (system.HangingEndpoint is { } hanging)
        {
            // Orders' endpoint did get its notice and still holds it: the two went out side by side.
            await hanging.WaitForTokenAsync(WellWithinOneDelivery);
        }
    }
}

public sealed class HangingAppTests(HangingAppSystem system) : UnreachableAppTests<HangingAppSystem>(system), IClassFixture<HangingAppSystem>;

public sealed class DeadAppTests(DeadAppSystem system) : UnreachableAppTests<DeadAppSystem>(system), IClassFixture<DeadAppSystem>;
