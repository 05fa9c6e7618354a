using Sso.ClientAppB;
using Sso.Tests.Support;
using Xunit;

namespace Sso.Tests.Hosting;

/// <summary>A bad app setting stops the app (here Billing, which has them all) at start, naming the key.</summary>
public sealed class AppStartupValidationTests
{
    [Fact]
    public async Task GoodSettings_Start_SoEachFailureBelowIsForItsOneKey()
    {
        var directory = Directory.CreateTempSubdirectory("sso-app-startup-").FullName;
        try
        {
            await using var app = await new AppFactory<ClientAppBEntryPoint>(Settings(directory)).StartAsync(FreePort.Next());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Theory]
    [InlineData("Sessions:PurgeInterval", "00:00:00", "Sessions:PurgeInterval")]
    [InlineData("BackChannelLogout:MaxTokenAge", "00:00:00", "BackChannelLogout:MaxTokenAge")]
    [InlineData("BackChannelLogout:ClockSkew", "01:00:00", "BackChannelLogout:ClockSkew")]
    [InlineData("Api:Introspection:ClientSecret", "", "Api:Introspection:ClientSecret")]
    [InlineData("Api:Introspection:CacheDuration", "01:00:00", "Api:Introspection:CacheDuration")]
    [InlineData("Payments:MaxSignInAge", "00:00:00", "Payments:MaxSignInAge")]
    [InlineData("Payments:ClockSkew", "-00:00:01", "Payments:ClockSkew")]
    public async Task BadSetting_StopsTheAppAtStart_NamingTheKey(string key, string value, string named)
    {
        var directory = Directory.CreateTempSubdirectory("sso-app-startup-").FullName;
        var settings = Settings(directory);
        settings[key] = value;

        using var log = new CapturedLog();
        try
        {
            var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
            {
                await using var app = await new AppFactory<ClientAppBEntryPoint>(settings, log).StartAsync(FreePort.Next());
            });

            Assert.Contains(named, failure + log.Text, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Everything Billing needs to start; no identity server is contacted at start.</summary>
    private static Dictionary<string, string?> Settings(string directory) => new()
    {
        ["Sso:Authority"] = "http://localhost:1/",
        ["Sso:ClientId"] = "client-b",
        ["Sso:ClientSecret"] = "secret",
        ["DownstreamApi:BaseUrl"] = "http://localhost:2/",
        ["DataProtection:KeysPath"] = Path.Combine(directory, "keys"),
        ["Sessions:SqlitePath"] = Path.Combine(directory, "sessions.db"),
        ["Api:Introspection:ClientSecret"] = "secret",
    };
}
