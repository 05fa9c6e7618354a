using Sso.IdentityServer;
using Sso.Tests.Support;
using Xunit;

namespace Sso.Tests.Hosting;

/// <summary>A bad setting stops the server at start, naming the key, instead of failing later.</summary>
public sealed class StartupValidationTests
{
    [Theory]
    [InlineData("Server:Issuer", "http://sso.example.com/", "Server:Issuer")]
    [InlineData("Server:Issuer", "not a uri", "Issuer")]
    [InlineData("TokenLifetimes:AccessToken", "00:00:00", "AccessToken")]
    [InlineData("TokenLifetimes:RefreshTokenSliding", "60.00:00:00", "TokenLifetimes:RefreshTokenSliding")]
    [InlineData("Keys:SigningAlgorithm", "HS256", "SigningAlgorithm")]
    [InlineData("Keys:RsaKeySize", "1024", "RsaKeySize")]
    [InlineData("Accounts:PasswordHashIterations", "1000", "PasswordHashIterations")]
    [InlineData("Accounts:MinimumPasswordLength", "7", "MinimumPasswordLength")]
    [InlineData("Seed:Clients:0:RedirectUris:0", "http://evil.example/callback", "Seed:Clients:0:RedirectUris")]
    [InlineData("Seed:Clients:0:GrantTypes:0", "password", "Seed:Clients:0:GrantTypes")]
    [InlineData("Seed:Clients:0:AccessTokenLifetime", "2.00:00:00", "Seed:Clients:0:AccessTokenLifetime")]
    [InlineData("Registration:AllowedScopes:0", "sso.admin", "Registration:AllowedScopes")]
    [InlineData("Throttling:SignInPerAccount:PermitLimit", "0", "Throttling:SignInPerAccount:PermitLimit")]
    [InlineData("Throttling:TokenPerClient:Window", "00:00:00", "Throttling:TokenPerClient:Window")]
    public async Task BadSetting_StopsTheServerAtStart_NamingTheKey(string key, string value, string named)
    {
        var directory = Directory.CreateTempSubdirectory("sso-startup-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Server:Issuer"] = "http://localhost:1/",
            ["Database:SqlitePath"] = Path.Combine(directory, "sso.db"),
            ["Seed:Clients:0:ClientId"] = "client",
            ["Seed:Clients:0:ClientSecret"] = "secret",
            ["Seed:Clients:0:GrantTypes:0"] = "authorization_code",
            ["Seed:Clients:0:RedirectUris:0"] = "https://app.example.com/signin-oidc",
            [key] = value,
        };

        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var server = await new AppFactory<IdentityServerEntryPoint>(settings).StartAsync(FreePort.Next());
        });

        Assert.Contains(named, failure.ToString(), StringComparison.Ordinal);
    }
}
