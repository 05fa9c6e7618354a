using System.Net;
using Sso.IdentityServer.Accounts;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Admin;

/// <summary>A system with one more seeded person, carol, whom the ban test may lock out without touching anyone else's.</summary>
public sealed class CarolSystem() : SsoSystem(withApps: false)
{
    public const string CarolUserName = "carol";
    public const string CarolPassword = "carol-test-passphrase";

    protected override void ConfigureServer(IDictionary<string, string?> settings) =>
        new SeedSettings(settings).User(CarolUserName, CarolPassword, "Carol Danvers", "carol@example.test");
}

public sealed class UserBanTests(CarolSystem system) : IClassFixture<CarolSystem>
{
    [Fact]
    public async Task Ban_EndsTheSessionAndEveryToken_AndRefusesSignIn_UntilUnbanned()
    {
        var carolId = await system.UserIdOfAsync(CarolSystem.CarolUserName);
        using var carol = system.CreateClient();
        var tokens = await carol.GetTokensAsync(CarolSystem.CarolUserName, CarolSystem.CarolPassword, AppAScopes);
        using var alice = await system.SignedInClientAsync(AliceUserName, AlicePassword);

        var banned = await alice.FollowAsync(await alice.PostFormAsync($"admin/users/{carolId}?handler=Lock"));

        Assert.Contains("Banned", banned.Text, StringComparison.Ordinal);
        Assert.Empty(banned.SessionIds);
        Assert.Equal("login_required", (await carol.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Error);
        Assert.Equal("invalid_grant", (await carol.RefreshAsync(tokens.RefreshToken!)).Error);
        Assert.False((await carol.IntrospectAsync(tokens.AccessToken!)).Json.GetProperty("active").GetBoolean());
        Assert.Equal(LoginModel.FailureMessage, await SignInFailureAsync(CarolSystem.CarolUserName, CarolSystem.CarolPassword));

        var audit = await alice.GetPageAsync($"admin/audit?type=UserLocked&user={CarolSystem.CarolUserName}");
        var locked = Assert.Single(audit.AuditRows);
        Assert.Contains(AliceUserName, locked, StringComparison.Ordinal);

        var unbanned = await alice.FollowAsync(await alice.PostFormAsync($"admin/users/{carolId}?handler=Unlock"));

        Assert.DoesNotContain("Banned", unbanned.Text, StringComparison.Ordinal);
        Assert.Null(await SignInFailureAsync(CarolSystem.CarolUserName, CarolSystem.CarolPassword));
        Assert.Single((await alice.GetPageAsync($"admin/audit?type=UserUnlocked&user={carolId}")).AuditRows);
    }

    /// <summary>The sign-in page's error, or null when the sign-in succeeded.</summary>
    private async Task<string?> SignInFailureAsync(string userName, string password)
    {
        using var client = system.CreateClient();
        using var response = await client.SignInAsync(userName, password);
        if (response.StatusCode == HttpStatusCode.Redirect)
        {
            return null;
        }

        var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return html.Contains(LoginModel.FailureMessage, StringComparison.Ordinal) ? LoginModel.FailureMessage : html;
    }
}
