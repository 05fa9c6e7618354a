using System.Net;
using Sso.IdentityServer.Accounts;
using Sso.IdentityServer.MyAccount;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Sessions;

/// <summary>Changing the password (/account/password) over HTTP: what it ends, and what it keeps.</summary>
public sealed class PasswordChangeTests(IdentityServerFixture system) : IClassFixture<IdentityServerFixture>
{
    private const string NewPassword = "a-brand-new-test-passphrase";

    [Fact]
    public async Task ChangingThePassword_EndsEveryOtherSession_RevokesTheirTokens_AndKeepsThisBrowserSignedIn()
    {
        var person = await system.CreateUserAsync();
        using var phone = system.CreateClient();
        var phoneTokens = await phone.GetTokensAsync(person.UserName, person.Password, AppAScopes);
        using var desk = system.CreateClient();
        var deskTokens = await desk.GetTokensAsync(person.UserName, person.Password, AppAScopes);

        var answer = await ChangeAsync(desk, person.Password, NewPassword, NewPassword);

        Assert.True(answer.RedirectsTo(MyAccountRoutes.Overview), $"{answer.Status} {answer.Location} {answer.Html}");
        var page = await desk.FollowAsync(answer);
        Assert.True(page.Status == HttpStatusCode.OK, $"{page.Status} {page.Location}");
        Assert.Equal(PasswordModel.ChangedNotice, page.Notice);
        // Only this browser's new session is left.
        Assert.Single(page.SessionIds);
        Assert.NotNull(page.CurrentSessionId);
        Assert.DoesNotContain(page.CurrentSessionId, new[] { SessionOf(phoneTokens), SessionOf(deskTokens) });
        Assert.NotNull((await desk.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Code);

        Assert.Equal("login_required", (await phone.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Error);
        Assert.Equal("invalid_grant", (await phone.RefreshAsync(phoneTokens.RefreshToken!)).Error);
        Assert.Equal("invalid_grant", (await desk.RefreshAsync(deskTokens.RefreshToken!)).Error);

        Assert.False(await system.CanSignInAsync(person.UserName, person.Password));
        Assert.True(await system.CanSignInAsync(person.UserName, NewPassword));
    }

    [Fact]
    public async Task WrongCurrentPassword_IsShownOnItsField_AndChangesNothing()
    {
        var person = await system.CreateUserAsync();
        using var phone = system.CreateClient();
        var phoneTokens = await phone.GetTokensAsync(person.UserName, person.Password, AppAScopes);
        using var desk = system.CreateClient();
        await desk.SignInAsync(person.UserName, person.Password);

        var answer = await ChangeAsync(desk, "not-the-current-password", NewPassword, NewPassword);

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(PasswordModel.WrongPasswordMessage, answer.FieldError("Input.CurrentPassword"));
        Assert.DoesNotContain(NewPassword, answer.Html, StringComparison.Ordinal);
        Assert.NotNull((await phone.RefreshAsync(phoneTokens.RefreshToken!)).AccessToken);
        Assert.True(await system.CanSignInAsync(person.UserName, person.Password));
    }

    [Fact]
    public async Task TooShortNewPassword_IsShownOnTheNewPasswordField()
    {
        var person = await system.CreateUserAsync();
        using var desk = system.CreateClient();
        await desk.SignInAsync(person.UserName, person.Password);

        var answer = await ChangeAsync(desk, person.Password, "short", "short");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Contains("at least 8 characters", answer.FieldError("Input.NewPassword"), StringComparison.Ordinal);
        Assert.DoesNotContain("style=", answer.Html, StringComparison.Ordinal); // the CSP allows no inline styles
        Assert.True(await system.CanSignInAsync(person.UserName, person.Password));
    }

    [Fact]
    public async Task DifferentConfirmation_IsShownOnTheConfirmationField()
    {
        var person = await system.CreateUserAsync();
        using var desk = system.CreateClient();
        await desk.SignInAsync(person.UserName, person.Password);

        var answer = await ChangeAsync(desk, person.Password, NewPassword, NewPassword + "-typo");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal("The two new passwords are not the same.", answer.FieldError("Input.ConfirmPassword"));
        Assert.True(await system.CanSignInAsync(person.UserName, person.Password));
    }

    [Fact]
    public async Task PasswordPage_WhenSignedOut_SendsToTheSignInForm()
    {
        using var browser = system.CreateClient();

        var page = await browser.GetPageAsync("account/password");

        Assert.Equal(HttpStatusCode.Redirect, page.Status);
        Assert.True(page.RedirectsTo(AccountRoutes.Login), page.Location?.ToString());
    }

    private static Task<ServerPage> ChangeAsync(OAuthTestClient client, string current, string next, string confirmation) =>
        client.PostFormAsync("account/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = current,
            ["Input.NewPassword"] = next,
            ["Input.ConfirmPassword"] = confirmation,
        });

    private static string SessionOf(TokenResponse tokens) => Jwt.Claim(tokens.IdToken!, "sid");
}
