using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Protocol;

/// <summary>
/// A system whose refresh tokens slide by 8 s within an absolute limit of 12 s. The margins are
/// seconds wide because auth_time is whole seconds and CI runs many classes at once on 2 cores.
/// </summary>
public sealed class ShortSessionSystem() : SsoSystem(withApps: false)
{
    protected override void ConfigureServer(IDictionary<string, string?> settings)
    {
        settings["TokenLifetimes:RefreshTokenSliding"] = "00:00:08";
        settings["TokenLifetimes:RefreshTokenAbsolute"] = "00:00:12";
    }
}

public sealed class SessionLifetimeTests(ShortSessionSystem system) : IClassFixture<ShortSessionSystem>
{
    [Fact]
    public async Task RefreshingBeforeEachSlidingExpiry_StillEndsAtTheAbsoluteLimit()
    {
        using var client = system.CreateClient();
        var tokens = await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);

        await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);
        tokens = await client.RefreshAsync(tokens.RefreshToken!);
        Assert.NotNull(tokens.RefreshToken);
        await Task.Delay(TimeSpan.FromSeconds(4), TestContext.Current.CancellationToken);
        tokens = await client.RefreshAsync(tokens.RefreshToken!);
        Assert.NotNull(tokens.RefreshToken);

        // Sliding alone would keep this token alive until about 16 s; the absolute limit ends it at 12 s.
        await Task.Delay(TimeSpan.FromSeconds(5.5), TestContext.Current.CancellationToken);
        Assert.Equal("invalid_grant", (await client.RefreshAsync(tokens.RefreshToken!)).Error);
    }
}
