using System.Net;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Protocol;

public sealed class IntrospectionAndRevocationTests(IdentityServerFixture system) : IClassFixture<IdentityServerFixture>
{
    [Fact]
    public async Task Introspection_OfALiveToken_IsActive_WithItsSubjectAndAudience()
    {
        using var client = system.CreateClient();
        var tokens = await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);

        var introspection = await client.IntrospectAsync(tokens.AccessToken!);

        Assert.True(introspection.Json.GetProperty("active").GetBoolean());
        Assert.Equal(Jwt.Claim(tokens.AccessToken!, "sub"), introspection.Text("sub"));
        Assert.Equal("billing-api", introspection.Json.GetProperty("aud").ToString());
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.")]
    public async Task Introspection_OfAnInvalidToken_IsInactiveAndNothingElse(string token)
    {
        using var client = system.CreateClient();

        var introspection = await client.IntrospectAsync(token);

        Assert.Equal(HttpStatusCode.OK, introspection.Status);
        Assert.Equal("{\"active\":false}", introspection.Json.GetRawText().Replace(" ", "", StringComparison.Ordinal).Replace("\n", "", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Introspection_OfAnotherClientsToken_IsInactive()
    {
        using var alice = system.CreateClient();
        var tokens = await alice.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);
        using var stranger = system.CreateClient(Reporting, ReportingSecret);

        var introspection = await stranger.IntrospectAsync(tokens.RefreshToken!);

        Assert.False(introspection.Json.GetProperty("active").GetBoolean());
        Assert.False(introspection.Has("sub"));
    }

    [Fact]
    public async Task Introspection_WithoutClientAuthentication_IsRefused()
    {
        using var anonymous = system.CreateClient(clientSecret: null);

        var response = await anonymous.IntrospectAsync("anything");

        Assert.InRange((int)response.Status, 400, 401);
        Assert.False(response.Has("active"));
    }

    [Fact]
    public async Task RevokedRefreshToken_NoLongerRefreshes_AndIsInactive()
    {
        using var client = system.CreateClient();
        var tokens = await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);

        var revocation = await client.RevokeAsync(tokens.RefreshToken!);

        Assert.Equal(HttpStatusCode.OK, revocation.Status);
        Assert.Equal("invalid_grant", (await client.RefreshAsync(tokens.RefreshToken!)).Error);
        Assert.False((await client.IntrospectAsync(tokens.RefreshToken!)).Json.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task RevokingAnUnknownToken_Answers200()
    {
        using var client = system.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.RevokeAsync("no-such-token")).Status);
    }

    [Fact]
    public async Task AClientCannotRevokeAnotherClientsToken()
    {
        using var alice = system.CreateClient();
        var tokens = await alice.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);
        using var stranger = system.CreateClient(ClientB, ClientBSecret);

        await stranger.RevokeAsync(tokens.RefreshToken!);

        Assert.NotNull((await alice.RefreshAsync(tokens.RefreshToken!)).AccessToken);
    }

    [Fact]
    public async Task Revocation_WithoutClientAuthentication_IsRefused()
    {
        using var client = system.CreateClient();
        var tokens = await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);
        using var anonymous = system.CreateClient(clientSecret: null);

        var response = await anonymous.RevokeAsync(tokens.RefreshToken!);

        Assert.InRange((int)response.Status, 400, 401);
        Assert.NotNull((await client.RefreshAsync(tokens.RefreshToken!)).AccessToken);
    }
}
