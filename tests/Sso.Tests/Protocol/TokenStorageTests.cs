using Microsoft.Extensions.DependencyInjection;
using OpenIddict.Abstractions;
using Sso.Tests.Support;
using Xunit;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Protocol;

/// <summary>
/// Which tokens get a row in the token table (Protocol/TokenEntryPolicy). That an ID token without a
/// row still vouches for RP-initiated logout is EndSessionTests' business.
/// </summary>
public sealed class TokenStorageTests(IdentityServerFixture system) : IClassFixture<IdentityServerFixture>
{
    [Fact]
    public async Task CodeRedemptionAndRefresh_StoreTheCodeRefreshAndAccessTokens_ButNoIdToken()
    {
        using var client = system.CreateClient();
        var issued = await client.GetTokensAsync(BobUserName, BobPassword, AppAScopes);
        Assert.NotNull(issued.IdToken);
        var refreshed = await client.RefreshAsync(issued.RefreshToken!);
        Assert.NotNull(refreshed.IdToken);

        var types = await StoredTypesAsync(Jwt.Claim(issued.AccessToken!, "sub")!);

        Assert.DoesNotContain(TokenTypeIdentifiers.IdentityToken, types);
        Assert.Contains(TokenTypeIdentifiers.Private.AuthorizationCode, types);
        Assert.Equal(2, types.Count(type => type == TokenTypeIdentifiers.RefreshToken));
        Assert.Equal(2, types.Count(type => type == TokenTypeIdentifiers.AccessToken));
    }

    private async Task<List<string>> StoredTypesAsync(string subject)
    {
        await using var scope = system.ServerServices.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var types = new List<string>();
        await foreach (var token in tokens.FindBySubjectAsync(subject, TestContext.Current.CancellationToken))
        {
            types.Add(await tokens.GetTypeAsync(token, TestContext.Current.CancellationToken) ?? "");
        }

        return types;
    }
}
