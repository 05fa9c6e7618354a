using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Sso.IdentityServer;
using Sso.Tests.Support;
using Xunit;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Protocol;

/// <summary>
/// The scheduled pruning (Protocol/TokenPruner): rows nobody can use any more and older than the
/// retention go; live ones, and recent ones a replay could still present, stay.
/// </summary>
public sealed class TokenPruningTests(TokenPruningSystem system) : IClassFixture<TokenPruningSystem>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExpiredAndRevokedRows_PastTheRetention_ArePruned_LiveAndRecentOnesStay()
    {
        var now = DateTimeOffset.UtcNow;
        var old = now.AddDays(-20);
        var expiredToken = await CreateTokenAsync(old, now.AddDays(-6), Statuses.Valid);
        var redeemedToken = await CreateTokenAsync(old, now.AddDays(-6), Statuses.Redeemed);
        var revokedAuthorization = await CreateAuthorizationAsync(old, Statuses.Revoked);
        var oldButLiveToken = await CreateTokenAsync(old, now.AddDays(1), Statuses.Valid);
        var recentRedeemedToken = await CreateTokenAsync(now.AddDays(-1), now.AddDays(13), Statuses.Redeemed);
        var validAuthorization = await CreateAuthorizationAsync(old, Statuses.Valid);
        using var client = system.CreateClient();
        var issued = await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);

        await Eventually.TrueAsync(async () => !await TokenExistsAsync(expiredToken) && !await TokenExistsAsync(redeemedToken)
                                               && !await AuthorizationExistsAsync(revokedAuthorization),
            TimeSpan.FromSeconds(20), "the expired and redeemed tokens and the revoked authorization are pruned");

        Assert.True(await TokenExistsAsync(oldButLiveToken), "a token that has not expired stays");
        Assert.True(await TokenExistsAsync(recentRedeemedToken), "a redeemed token younger than the retention stays");
        Assert.True(await AuthorizationExistsAsync(validAuthorization), "a valid permanent authorization stays");
        var refreshed = await client.RefreshAsync(issued.RefreshToken!);
        Assert.True(refreshed.AccessToken is not null, refreshed.Body);
    }

    [Fact]
    public async Task ARetentionShorterThanTheRefreshTokenLifetime_StopsTheServerAtStart_NamingTheKey()
    {
        var directory = Directory.CreateTempSubdirectory("sso-pruning-").FullName;
        var settings = new Dictionary<string, string?>
        {
            ["Server:Issuer"] = "http://localhost:1/",
            ["Database:SqlitePath"] = Path.Combine(directory, "sso.db"),
            ["TokenPruning:Retention"] = "1.00:00:00",
        };

        var failure = await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var server = await new AppFactory<IdentityServerEntryPoint>(settings).StartAsync(FreePort.Next());
        });

        Assert.Contains("TokenPruning:Retention", failure.ToString(), StringComparison.Ordinal);
    }

    private async Task<string> CreateTokenAsync(DateTimeOffset created, DateTimeOffset expires, string status)
    {
        await using var scope = system.ServerServices.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var token = await tokens.CreateAsync(new OpenIddictTokenDescriptor
        {
            CreationDate = created,
            ExpirationDate = expires,
            Status = status,
            Subject = "pruning-test",
            Type = TokenTypeIdentifiers.AccessToken,
        }, Cancellation);
        return (await tokens.GetIdAsync(token, Cancellation))!;
    }

    private async Task<string> CreateAuthorizationAsync(DateTimeOffset created, string status)
    {
        await using var scope = system.ServerServices.CreateAsyncScope();
        var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
        var authorization = await authorizations.CreateAsync(new OpenIddictAuthorizationDescriptor
        {
            CreationDate = created,
            Status = status,
            Subject = "pruning-test",
            Type = AuthorizationTypes.Permanent,
        }, Cancellation);
        return (await authorizations.GetIdAsync(authorization, Cancellation))!;
    }

    private async Task<bool> TokenExistsAsync(string id)
    {
        await using var scope = system.ServerServices.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>().FindByIdAsync(id, Cancellation) is not null;
    }

    private async Task<bool> AuthorizationExistsAsync(string id)
    {
        await using var scope = system.ServerServices.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>().FindByIdAsync(id, Cancellation) is not null;
    }
}
