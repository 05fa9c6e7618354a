using System.Net;
using Microsoft.Extensions.Options;
using Sso.IdentityServer.Throttling;
using Xunit;

namespace Sso.Tests.Throttling;

public sealed class ClientAddressTests
{
    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2::/64")]
    public void AnIPv6Host_CountsAsItsWhole64_AndIPv4AsItself(string address, string expected) =>
        Assert.Equal(expected, ClientAddress.PartitionKey(IPAddress.Parse(address)));

    [Fact]
    public void TwoIPv6Networks_CountApart() =>
        Assert.NotEqual(ClientAddress.PartitionKey(IPAddress.Parse("2001:db8:1:2::1")), ClientAddress.PartitionKey(IPAddress.Parse("2001:db8:1:3::1")));

    [Fact]
    public void LimitsThatLetNothingThrough_OrNeverEnd_AreRefused_NamingTheKey()
    {
        var options = new ThrottlingOptions
        {
            SignInPerAddress = new ThrottleLimit(0, TimeSpan.FromMinutes(1)),
            AdminApiPerAddress = new ThrottleLimit(10, TimeSpan.FromDays(3)),
        };

        var result = new ThrottlingOptionsValidator().Validate(Options.DefaultName, options);

        Assert.True(result.Failed);
        Assert.Contains("Throttling:SignInPerAddress:PermitLimit", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Throttling:AdminApiPerAddress:Window", result.FailureMessage, StringComparison.Ordinal);
        Assert.True(new ThrottlingOptionsValidator().Validate(Options.DefaultName, new ThrottlingOptions()).Succeeded);
    }
}
