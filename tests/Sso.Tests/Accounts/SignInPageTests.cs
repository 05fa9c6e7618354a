using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Sso.IdentityServer.Accounts;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Accounts;

public sealed partial class SignInPageTests(IdentityServerFixture system) : IClassFixture<IdentityServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UnknownUser_WrongPassword_AndLockedAccount_LookTheSame()
    {
        var locked = await CreateUserAsync();
        await using (var scope = system.ServerServices.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SsoUser>>();
            await users.SetLockoutEndDateAsync((await users.FindByNameAsync(locked))!, DateTimeOffset.UtcNow.AddHours(1));
        }

        var unknown = await FailureMessageAsync("nobody-" + Guid.NewGuid().ToString("N"), "whatever-password");
        var wrong = await FailureMessageAsync(BobUserName, "not-bobs-password");
        var lockedOut = await FailureMessageAsync(locked, "correct-passphrase");

        Assert.Equal(LoginModel.FailureMessage, unknown);
        Assert.Equal(unknown, wrong);
        Assert.Equal(unknown, lockedOut);
    }

    [Fact]
    public async Task RepeatedFailures_LockTheAccount_SoEvenTheRightPasswordFails()
    {
        var userName = await CreateUserAsync();
        for (var i = 0; i < 5; i++)
        {
            await FailureMessageAsync(userName, "wrong-password-" + i);
        }

        using var client = system.CreateClient();
        using var response = await client.SignInAsync(userName, "correct-passphrase");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(LoginModel.FailureMessage, WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync(Cancellation)), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_Answers302_WithAFreshHttpOnlyLaxSessionCookieEachTime()
    {
        using var client = system.CreateClient();

        using var first = await client.SignInAsync(AliceUserName, AlicePassword);
        using var second = await client.SignInAsync(AliceUserName, AlicePassword);

        Assert.Equal(HttpStatusCode.Redirect, first.StatusCode);
        var firstCookie = SessionCookie(first);
        var secondCookie = SessionCookie(second);
        Assert.Contains("httponly", firstCookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", firstCookie, StringComparison.OrdinalIgnoreCase);
        Assert.NotEqual(firstCookie.Split(';')[0], secondCookie.Split(';')[0]);
    }

    [Fact]
    public async Task SignInPost_WithoutTheAntiforgeryToken_Is400()
    {
        using var client = system.CreateClient();

        using var response = await client.Http.PostAsync("account/login", new FormUrlEncodedContent(
        [
            KeyValuePair.Create("Input.UserName", AliceUserName), KeyValuePair.Create("Input.Password", AlicePassword),
        ]), Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain(client.Cookies.GetCookies(system.Issuer), cookie => cookie.Name == "sso.session");
    }

    [Theory]
    [InlineData("https://evil.example/")]
    [InlineData("//evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("javascript:alert(1)")]
    public async Task ReturnUrlOffTheSite_IsReplacedByTheHomePage(string returnUrl)
    {
        using var client = system.CreateClient();

        using var response = await client.SignInAsync(AliceUserName, AlicePassword, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("account/login")]
    [InlineData("connect/endsession")]
    [InlineData("error")]
    public async Task PeoplesPages_CannotBeFramedCachedOrLeakTheirUrl(string path)
    {
        using var client = system.CreateClient();

        using var response = await client.Http.GetAsync(path, Cancellation);

        Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
        Assert.Contains("frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", response.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Contains("no-store", response.Headers.CacheControl!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Passwords_AreHashedWithPbkdf2Sha512_AtLeast210000Iterations()
    {
        await using var scope = system.ServerServices.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SsoUser>>();
        var alice = (await users.FindByNameAsync(AliceUserName))!;

        var (prf, iterations) = HashParameters(alice.PasswordHash!);

        Assert.Equal(2, prf); // KeyDerivationPrf.HMACSHA512
        Assert.True(iterations >= 210_000, $"{iterations} iterations");
    }

    [Fact]
    public async Task AnOldWeakerHash_IsUpgradedAtTheNextSignIn()
    {
        var userName = await CreateUserAsync();
        await using (var scope = system.ServerServices.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SsoUser>>();
            var user = (await users.FindByNameAsync(userName))!;
            var legacy = new PasswordHasher<SsoUser>(Microsoft.Extensions.Options.Options.Create(new PasswordHasherOptions { IterationCount = 10_000 }));
            user.PasswordHash = legacy.HashPassword(user, "correct-passphrase");
            await users.UpdateAsync(user);
        }

        using var client = system.CreateClient();
        using var response = await client.SignInAsync(userName, "correct-passphrase");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        await using var after = system.ServerServices.CreateAsyncScope();
        var upgraded = (await after.ServiceProvider.GetRequiredService<UserManager<SsoUser>>().FindByNameAsync(userName))!;
        Assert.True(HashParameters(upgraded.PasswordHash!).Iterations >= 210_000);
    }

    [Theory]
    [InlineData("short", false)]
    [InlineData("1234567", false)]
    [InlineData("alllowercaseisfine", true)]
    [InlineData("correct horse battery staple, a long passphrase with spaces and ünïcödé", true)]
    public async Task PasswordPolicy_AsksForLengthNotComposition(string password, bool accepted)
    {
        await using var scope = system.ServerServices.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SsoUser>>();

        var result = await users.CreateAsync(new SsoUser { UserName = "policy-" + Guid.NewGuid().ToString("N")[..8] }, password);

        Assert.Equal(accepted, result.Succeeded);
    }

    private async Task<string> CreateUserAsync()
    {
        await using var scope = system.ServerServices.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<SsoUser>>();
        var userName = "user-" + Guid.NewGuid().ToString("N")[..8];
        Assert.True((await users.CreateAsync(new SsoUser { UserName = userName }, "correct-passphrase")).Succeeded);
        return userName;
    }

    private async Task<string?> FailureMessageAsync(string userName, string password)
    {
        using var client = system.CreateClient();
        using var response = await client.SignInAsync(userName, password);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var match = LoginError().Match(await response.Content.ReadAsStringAsync(Cancellation));
        return match.Success ? WebUtility.HtmlDecode(match.Groups[1].Value) : null;
    }

    // Signing in over a live session first deletes the old cookie, then sets the new one: the
    // browser keeps the last.
    private static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Last(cookie => cookie.StartsWith("sso.session=", StringComparison.Ordinal));

    // ASP.NET Core Identity v3 format: 0x01, PRF (uint32 BE), iteration count (uint32 BE), salt size, salt, subkey.
    private static (int Prf, int Iterations) HashParameters(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        Assert.Equal(0x01, bytes[0]);
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(1)),
            System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(5)));
    }

    [GeneratedRegex("id=\"login-error\" role=\"alert\">([^<]*)<")]
    private static partial Regex LoginError();
}
