using System.Net;
using Sso.IdentityServer.Accounts;
using Sso.IdentityServer.Admin;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Admin;

/// <summary>Who gets into the admin pages, and what an admin finds and ends there (over HTTP).</summary>
public sealed class AdminAccessTests(IdentityServerFixture system) : IClassFixture<IdentityServerFixture>
{
    [Theory]
    [InlineData("admin/users")]
    [InlineData("admin/users/some-id")]
    [InlineData("admin/audit")]
    public async Task Anonymous_IsSentToTheSignInForm(string path)
    {
        using var browser = system.CreateClient();

        var page = await browser.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.True(page.RedirectsTo(AccountRoutes.Login), page.Location?.ToString());
        Assert.Equal("?ReturnUrl=" + Uri.EscapeDataString("/" + path), page.Location!.Query);
    }

    [Theory]
    [InlineData("admin/users")]
    [InlineData("admin/users/{0}")]
    [InlineData("admin/audit?type=SignInFailed")]
    public async Task NonAdmin_Gets403_WithAFriendlyPage(string template)
    {
        using var bob = await system.SignedInClientAsync(BobUserName, BobPassword);
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, await system.UserIdOfAsync(AliceUserName));

        var page = await bob.GetPageAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, page.Status);
        Assert.Equal("forbidden", page.ErrorCode);
        Assert.Contains("does not have access", page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task NonAdmin_CannotBanAnyone_EvenWithAValidFormToken()
    {
        var target = await system.CreateUserAsync();
        using var bob = await system.SignedInClientAsync(BobUserName, BobPassword);

        // Bob's own account page hands him a genuine antiforgery token; the policy still says no.
        var answer = await bob.PostFormAsync($"admin/users/{target.Id}?handler=Lock", tokenFrom: "account");

        Assert.Equal(HttpStatusCode.Forbidden, answer.Status);
        Assert.True(await system.CanSignInAsync(target.UserName, target.Password));
    }

    [Theory]
    [InlineData("BOB")]
    [InlineData("bob@EXAMPLE")]
    [InlineData("builder")]
    public async Task Admin_FindsUsers_ByUserNameEmailOrDisplayName_IgnoringCase(string query)
    {
        using var alice = await system.SignedInClientAsync(AliceUserName, AlicePassword);

        var page = await alice.GetPageAsync($"admin/users?q={Uri.EscapeDataString(query)}");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains($"href=\"/admin/users/{await system.UserIdOfAsync(BobUserName)}\"", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain($"href=\"/admin/users/{await system.UserIdOfAsync(AliceUserName)}\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_SearchWithNoMatch_SaysSo()
    {
        using var alice = await system.SignedInClientAsync(AliceUserName, AlicePassword);

        var page = await alice.GetPageAsync("admin/users?q=nobody-by-this-name");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("id=\"no-users\"", page.Html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admin_SeesAUsersSessions_AndEndsOne()
    {
        var person = await system.CreateUserAsync();
        using var phone = system.CreateClient();
        var phoneTokens = await phone.GetTokensAsync(person.UserName, person.Password, AppAScopes);
        using var laptop = system.CreateClient();
        var laptopTokens = await laptop.GetTokensAsync(person.UserName, person.Password, AppAScopes);
        using var alice = await system.SignedInClientAsync(AliceUserName, AlicePassword);
        var userPage = $"admin/users/{person.Id}";
        Assert.Equal(2, (await alice.GetPageAsync(userPage)).SessionIds.Count);

        var answer = await alice.PostFormAsync($"{userPage}?handler=EndSession",
            new Dictionary<string, string> { ["sessionId"] = SessionOf(phoneTokens) });

        var page = await alice.FollowAsync(answer);
        Assert.Equal([SessionOf(laptopTokens)], page.SessionIds);
        Assert.Equal("login_required", (await phone.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Error);
        Assert.Equal("invalid_grant", (await phone.RefreshAsync(phoneTokens.RefreshToken!)).Error);
        Assert.NotNull((await laptop.RefreshAsync(laptopTokens.RefreshToken!)).AccessToken);
    }

    [Fact]
    public async Task Admin_EndsAllSessionsOfAUser()
    {
        var person = await system.CreateUserAsync();
        using var phone = system.CreateClient();
        var phoneTokens = await phone.GetTokensAsync(person.UserName, person.Password, AppAScopes);
        using var alice = await system.SignedInClientAsync(AliceUserName, AlicePassword);

        var answer = await alice.PostFormAsync($"admin/users/{person.Id}?handler=EndAll");

        Assert.Empty((await alice.FollowAsync(answer)).SessionIds);
        Assert.Equal("invalid_grant", (await phone.RefreshAsync(phoneTokens.RefreshToken!)).Error);
        // Ending sessions is not a ban: the person signs in again.
        Assert.True(await system.CanSignInAsync(person.UserName, person.Password));
    }

    [Fact]
    public async Task Admin_CannotBanThemselves()
    {
        var aliceId = await system.UserIdOfAsync(AliceUserName);
        using var alice = await system.SignedInClientAsync(AliceUserName, AlicePassword);

        var answer = await alice.PostFormAsync($"admin/users/{aliceId}?handler=Lock");

        var page = await alice.FollowAsync(answer);
        Assert.Equal(UserDetailsModel.CannotBanYourselfNotice, page.Notice);
        Assert.Contains("id=\"state\">", page.Html, StringComparison.Ordinal);
        Assert.DoesNotContain("Banned", page.Text, StringComparison.Ordinal);
        Assert.NotEmpty(page.SessionIds);
    }

    [Theory]
    [InlineData("EndSession")]
    [InlineData("EndAll")]
    [InlineData("Lock")]
    [InlineData("Unlock")]
    public async Task AdminPost_WithoutTheAntiforgeryToken_Is400_AndChangesNothing(string handler)
    {
        var person = await system.CreateUserAsync();
        using var phone = system.CreateClient();
        var phoneTokens = await phone.GetTokensAsync(person.UserName, person.Password, AppAScopes);
        using var alice = await system.SignedInClientAsync(AliceUserName, AlicePassword);

        var answer = await alice.PostFormAsync($"admin/users/{person.Id}?handler={handler}",
            new Dictionary<string, string> { ["sessionId"] = SessionOf(phoneTokens) }, withAntiforgeryToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("bad_request", answer.ErrorCode);
        Assert.NotNull((await phone.RefreshAsync(phoneTokens.RefreshToken!)).AccessToken);
        Assert.True(await system.CanSignInAsync(person.UserName, person.Password));
    }

    [Fact]
    public async Task UnknownUser_Is404()
    {
        using var alice = await system.SignedInClientAsync(AliceUserName, AlicePassword);

        var page = await alice.GetPageAsync("admin/users/no-such-user");

        Assert.Equal(HttpStatusCode.NotFound, page.Status);
        Assert.Equal("not_found", page.ErrorCode);
    }

    [Theory]
    [InlineData("account")]
    [InlineData("account/password")]
    [InlineData("admin/users?q=a")]
    [InlineData("admin/users/{0}")]
    [InlineData("admin/audit?type=NoSuchType")]
    public async Task AccountAndAdminPages_CannotBeFramedOrCached_AndHaveNoInlineStyleOrScript(string template)
    {
        using var alice = await system.SignedInClientAsync(AliceUserName, AlicePassword);
        var path = string.Format(System.Globalization.CultureInfo.InvariantCulture, template, await system.UserIdOfAsync(BobUserName));

        using var response = await alice.Http.GetAsync(path, TestContext.Current.CancellationToken);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
        // The CSP allows no inline styles or scripts: the pages must not need any.
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    private static string SessionOf(TokenResponse tokens) => Jwt.Claim(tokens.IdToken!, "sid");
}
