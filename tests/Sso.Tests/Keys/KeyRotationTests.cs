using Microsoft.Extensions.Configuration;
using Microsoft.IdentityModel.Tokens;
using Sso.IdentityServer.CommandLine;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Keys;

public sealed class KeyRotationTests(IdentityServerFixture system) : IClassFixture<IdentityServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RotateCommand_PublishesTheNewKeyBeforeItSigns_ThenSignsWithIt_WhileOldTokensStayValid()
    {
        using var service = system.CreateClient(Reporting, ReportingSecret);
        var before = (await service.ClientCredentialsAsync("orders.read")).AccessToken!;
        var oldKid = Jwt.Header(before).GetProperty("kid").GetString();

        var output = await RunCommandAsync("keys", "rotate", "--activate-in", "00:00:04");
        var newKid = await WaitForAsync(async () =>
        {
            var kids = await PublishedKidsAsync();
            return kids.Count == 2 ? kids.Single(kid => kid != oldKid) : null;
        });
        Assert.Contains(newKid, output, StringComparison.Ordinal);

        var duringPublication = (await service.ClientCredentialsAsync("orders.read")).AccessToken!;
        Assert.Equal(oldKid, Jwt.Header(duringPublication).GetProperty("kid").GetString());

        var signedWithNewKey = await WaitForAsync(async () =>
        {
            var token = (await service.ClientCredentialsAsync("orders.read")).AccessToken!;
            return Jwt.Header(token).GetProperty("kid").GetString() == newKid ? token : null;
        });

        Assert.Contains(oldKid, await PublishedKidsAsync());
        Assert.True((await service.IntrospectAsync(before)).Json.GetProperty("active").GetBoolean());
        Assert.True((await service.IntrospectAsync(signedWithNewKey)).Json.GetProperty("active").GetBoolean());
    }

    [Fact]
    public async Task ListCommand_ShowsTheStoredKeys()
    {
        var output = await RunCommandAsync("keys", "list");

        foreach (var kid in await PublishedKidsAsync())
        {
            Assert.Contains(kid, output, StringComparison.Ordinal);
        }
    }

    private async Task<string> RunCommandAsync(params string[] args)
    {
        using var output = new StringWriter();
        var exitCode = await ServerCommandLine.RunAsync(args,
            configuration => configuration.AddInMemoryCollection(system.Database.Settings),
            output);
        Assert.Equal(0, exitCode);
        return output.ToString();
    }

    private async Task<List<string>> PublishedKidsAsync()
    {
        using var client = system.CreateClient();
        var jwks = new JsonWebKeySet(await client.Http.GetStringAsync(".well-known/jwks", Cancellation));
        return [.. jwks.Keys.Select(key => key.Kid)];
    }

    private static async Task<T> WaitForAsync<T>(Func<Task<T?>> probe) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            Assert.True(DateTime.UtcNow < deadline, "Timed out waiting for the key change.");
            await Task.Delay(200, Cancellation);
        }
    }
}
