using System.Net;
using Sso.IdentityServer.Cluster;
using Sso.Tests.Support;
using Xunit;

namespace Sso.Tests.Hosting;

/// <summary>What a load balancer and an operator see of an instance.</summary>
public sealed class HealthTests(IdentityServerFixture system) : IClassFixture<IdentityServerFixture>
{
    [Theory]
    [InlineData("health")]
    [InlineData("health/live")]
    [InlineData("health/ready")]
    public async Task ARunningInstance_IsLiveAndReady(string path)
    {
        using var client = system.CreateClient();

        using var response = await client.Http.GetAsync(path, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task EveryResponse_NamesTheInstanceThatServedIt()
    {
        using var client = system.CreateClient();

        using var discovery = await client.Http.GetAsync(".well-known/openid-configuration", TestContext.Current.CancellationToken);
        using var missing = await client.Http.GetAsync("no-such-page", TestContext.Current.CancellationToken);

        var name = Assert.Single(discovery.Headers.GetValues(InstanceHeader.Name));
        Assert.EndsWith(":" + system.ServerPort, name, StringComparison.Ordinal);
        Assert.Equal(name, Assert.Single(missing.Headers.GetValues(InstanceHeader.Name)));
    }
}
