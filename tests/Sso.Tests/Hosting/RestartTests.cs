using Microsoft.IdentityModel.Tokens;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Hosting;

public sealed class RestartTests(IdentityServerFixture system) : IClassFixture<IdentityServerFixture>
{
    [Fact]
    public async Task UsersKeysSessionsAndRefreshTokens_SurviveARestart()
    {
        using var client = system.CreateClient();
        var tokens = await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);
        var kidsBefore = await KidsAsync(client);

        await system.RestartServerAsync();

        Assert.Equal(kidsBefore, await KidsAsync(client));
        var refreshed = await client.RefreshAsync(tokens.RefreshToken!);
        Assert.NotNull(refreshed.AccessToken);
        Assert.True((await client.IntrospectAsync(tokens.AccessToken!)).Json.GetProperty("active").GetBoolean());
        Assert.NotNull((await client.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Code);
        using var other = system.CreateClient(ClientB, ClientBSecret);
        Assert.NotNull((await other.GetTokensAsync(BobUserName, BobPassword, AppBScopes)).AccessToken);
    }

    private static async Task<List<string>> KidsAsync(OAuthTestClient client) =>
        [.. new JsonWebKeySet(await client.Http.GetStringAsync(".well-known/jwks", TestContext.Current.CancellationToken)).Keys
            .Select(key => key.Kid).Order()];
}
