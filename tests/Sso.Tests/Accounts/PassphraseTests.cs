using System.Net;
using Sso.Tests.Support;
using Xunit;

namespace Sso.Tests.Accounts;

/// <summary>Long passphrases work end to end: no composition rules, no short maximum (SECURITY.md, NIST 800-63B §5.1.1).</summary>
public sealed class PassphraseTests(IdentityServerFixture system) : IClassFixture<IdentityServerFixture>
{
    [Theory]
    [InlineData(64)]
    [InlineData(200)]
    [InlineData(1024)]
    public async Task ALongPassphrase_WithSpacesAndUnicode_SignsInThroughTheForm(int length)
    {
        var passphrase = string.Concat(Enumerable.Repeat("correct horse ünïcödé battery staple · ", 30))[..length];
        var userName = (await system.CreateUserAsync("passphrase", passphrase)).UserName;

        using var client = system.CreateClient();
        using var signedIn = await client.SignInAsync(userName, passphrase);
        using var other = system.CreateClient();
        using var almost = await other.SignInAsync(userName, passphrase[..^1]);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.OK, almost.StatusCode);
    }
}
