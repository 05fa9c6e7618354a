using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Protocol;

/// <summary>A system whose refresh tokens slide by 6 s within an absolute limit of 8 s.</summary>
public sealed class ShortSessionSystem() : SsoSystem(withApps: false)
{
    protected override void ConfigureServer(IDictionary<string, string?> settings)
    {
        settings["TokenLifetimes:RefreshTokenSliding"] = "00:00:06";
        settings["TokenLifetimes:RefreshTokenAbsolute"] = "00:00:08";
    }
}

public sealed class SessionLifetimeTests(ShortSessionSystem system) : IClassFixture<ShortSessionSystem>
{
    [Fact]
    public async Task RefreshingBeforeEachSlidingExpiry_StillEndsAtTheAbsoluteLimit()
    {
        using var client = system.CreateClient();
        var tokens = await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);

        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        tokens = await client.RefreshAsync(tokens.RefreshToken!);
        Assert.NotNull(tokens.RefreshToken);
        await Task.Delay(TimeSpan.FromSeconds(3), TestContext.Current.CancellationToken);
        tokens = await client.RefreshAsync(tokens.RefreshToken!);
        Assert.NotNull(tokens.RefreshToken);

        // Sliding alone would keep this token alive until 12 s; the absolute limit ends it at 8 s.
        await Task.Delay(TimeSpan.FromSeconds(3.5), TestContext.Current.CancellationToken);
        Assert.Equal("invalid_grant", (await client.RefreshAsync(tokens.RefreshToken!)).Error);
    }
}
