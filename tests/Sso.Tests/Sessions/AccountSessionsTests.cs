using System.Net;
using Sso.IdentityServer.Accounts;
using Sso.IdentityServer.MyAccount;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Sessions;

/// <summary>
/// The person's account page over HTTP: each "device" is a test client with its own cookies, so a
/// test can sign out one device from another and ask each what the server still lets it do.
/// </summary>
public sealed class AccountSessionsTests(IdentityServerFixture system) : IClassFixture<IdentityServerFixture>
{
    [Fact]
    public async Task AccountPage_WhenSignedOut_SendsToTheSignInForm_AndBack()
    {
        using var browser = system.CreateClient();

        var page = await browser.GetPageAsync("account");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.True(page.RedirectsTo(AccountRoutes.Login), page.Location?.ToString());
        Assert.Equal("?ReturnUrl=%2Faccount", page.Location!.Query);
    }

    [Fact]
    public async Task AccountPage_ListsEverySessionOfThePerson_AndMarksThisOne()
    {
        var person = await system.CreateUserAsync();
        using var phone = system.CreateClient();
        var phoneSession = SessionOf(await phone.GetTokensAsync(person.UserName, person.Password, AppAScopes));
        using var desk = system.CreateClient();
        await desk.SignInOrFailAsync(person.UserName, person.Password);

        var page = await desk.GetPageAsync("account");

        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Equal(2, page.SessionIds.Count);
        Assert.Contains(phoneSession, page.SessionIds);
        Assert.NotNull(page.CurrentSessionId);
        Assert.NotEqual(phoneSession, page.CurrentSessionId);
        // A test client sends no User-Agent; the app that got tokens is named.
        Assert.Contains(DeviceDescription.Unknown, page.Text, StringComparison.Ordinal);
        Assert.Contains(ClientA, page.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOutThisSession_EndsOnlyThatOne()
    {
        var person = await system.CreateUserAsync();
        using var phone = system.CreateClient();
        var phoneTokens = await phone.GetTokensAsync(person.UserName, person.Password, AppAScopes);
        using var laptop = system.CreateClient();
        var laptopTokens = await laptop.GetTokensAsync(person.UserName, person.Password, AppAScopes);
        using var desk = system.CreateClient();
        await desk.SignInOrFailAsync(person.UserName, person.Password);

        var answer = await desk.PostFormAsync("account?handler=EndSession", new Dictionary<string, string> { ["sessionId"] = SessionOf(phoneTokens) });

        Assert.True(answer.RedirectsTo(MyAccountRoutes.Overview), $"{answer.Status} {answer.Location}");
        var page = await desk.FollowAsync(answer);
        Assert.Equal(AccountModel.SessionEndedNotice, page.Notice);
        Assert.DoesNotContain(SessionOf(phoneTokens), page.SessionIds);
        Assert.Contains(SessionOf(laptopTokens), page.SessionIds);

        Assert.Equal("login_required", (await phone.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Error);
        Assert.Equal("invalid_grant", (await phone.RefreshAsync(phoneTokens.RefreshToken!)).Error);
        Assert.NotNull((await laptop.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Code);
        Assert.NotNull((await laptop.RefreshAsync(laptopTokens.RefreshToken!)).AccessToken);
    }

    [Fact]
    public async Task SignOutThisSession_OnTheCurrentRow_SignsThisBrowserOut()
    {
        var person = await system.CreateUserAsync();
        using var desk = system.CreateClient();
        await desk.SignInOrFailAsync(person.UserName, person.Password);
        var current = (await desk.GetPageAsync("account")).CurrentSessionId!;

        var answer = await desk.PostFormAsync("account?handler=EndSession", new Dictionary<string, string> { ["sessionId"] = current });

        Assert.True(answer.RedirectsTo(AccountRoutes.Login), $"{answer.Status} {answer.Location}");
        Assert.True((await desk.GetPageAsync("account")).RedirectsTo(AccountRoutes.Login));
    }

    [Fact]
    public async Task SomeoneElsesSession_CannotBeEnded()
    {
        var victim = await system.CreateUserAsync("victim");
        using var victimsPhone = system.CreateClient();
        var victimsTokens = await victimsPhone.GetTokensAsync(victim.UserName, victim.Password, AppAScopes);
        var attacker = await system.CreateUserAsync("attacker");
        using var attackersDesk = system.CreateClient();
        await attackersDesk.SignInOrFailAsync(attacker.UserName, attacker.Password);

        var answer = await attackersDesk.PostFormAsync("account?handler=EndSession",
            new Dictionary<string, string> { ["sessionId"] = SessionOf(victimsTokens) });

        Assert.Equal(AccountModel.SessionNotFoundNotice, (await attackersDesk.FollowAsync(answer)).Notice);
        Assert.NotNull((await victimsPhone.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Code);
        Assert.NotNull((await victimsPhone.RefreshAsync(victimsTokens.RefreshToken!)).AccessToken);
    }

    [Fact]
    public async Task SignOutEverywhere_EndsEverySession_ThisOneToo()
    {
        var person = await system.CreateUserAsync();
        using var phone = system.CreateClient();
        var phoneTokens = await phone.GetTokensAsync(person.UserName, person.Password, AppAScopes);
        using var desk = system.CreateClient();
        await desk.SignInOrFailAsync(person.UserName, person.Password);

        var answer = await desk.PostFormAsync("account?handler=SignOutEverywhere");

        Assert.True(answer.RedirectsTo(AccountRoutes.Login), $"{answer.Status} {answer.Location}");
        Assert.True((await desk.GetPageAsync("account")).RedirectsTo(AccountRoutes.Login));
        Assert.Equal("login_required", (await phone.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Error);
        Assert.Equal("invalid_grant", (await phone.RefreshAsync(phoneTokens.RefreshToken!)).Error);
    }

    [Theory]
    [InlineData("account?handler=EndSession")]
    [InlineData("account?handler=SignOutEverywhere")]
    [InlineData("account/password")]
    public async Task AccountPost_WithoutTheAntiforgeryToken_Is400_AndChangesNothing(string path)
    {
        var person = await system.CreateUserAsync();
        using var desk = system.CreateClient();
        await desk.SignInOrFailAsync(person.UserName, person.Password);
        var current = (await desk.GetPageAsync("account")).CurrentSessionId!;

        var answer = await desk.PostFormAsync(path, new Dictionary<string, string>
        {
            ["sessionId"] = current,
            ["Input.CurrentPassword"] = person.Password,
            ["Input.NewPassword"] = "a-new-test-passphrase",
            ["Input.ConfirmPassword"] = "a-new-test-passphrase",
        }, withAntiforgeryToken: false);

        Assert.Equal(HttpStatusCode.BadRequest, answer.Status);
        Assert.Equal("bad_request", answer.ErrorCode);
        Assert.Equal(current, (await desk.GetPageAsync("account")).CurrentSessionId);
    }

    private static string SessionOf(TokenResponse tokens) => Jwt.Claim(tokens.IdToken!, "sid");
}
