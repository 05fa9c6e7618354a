using System.Net;
using Sso.Tests.Support;
using Xunit;

namespace Sso.Tests.Clients;

/// <summary>The admin API validates tokens with the server's current keys, also right after a rotation.</summary>
public sealed class AdminApiKeyRotationTests(ClientsSystem system) : IClassFixture<ClientsSystem>
{
    [Fact]
    public async Task AfterAnEmergencyKeyRotation_TokensSignedWithTheNewKey_StillOpenTheApi()
    {
        using var before = await system.AdminApiAsync();
        var oldKid = await KidAsync();

        Assert.Equal(0, (await system.RunCommandAsync("keys", "rotate", "--activate-in", "00:00:00")).ExitCode);
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (await KidAsync() == oldKid)
        {
            Assert.True(DateTime.UtcNow < deadline, "The server never signed with the new key.");
            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        using var after = await system.AdminApiAsync();
        Assert.Equal(HttpStatusCode.OK, (await after.SendAsync(HttpMethod.Get, "clients")).Response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await before.SendAsync(HttpMethod.Get, "clients")).Response.StatusCode);
    }

    private async Task<string?> KidAsync()
    {
        using var oauth = system.CreateClient(ClientsSystem.AdminClient, ClientsSystem.AdminSecret);
        var token = (await oauth.ClientCredentialsAsync("sso.admin")).AccessToken!;
        return Jwt.Header(token).GetProperty("kid").GetString();
    }
}
