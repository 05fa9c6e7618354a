using Sso.IdentityServer.Throttling;
using Xunit;

namespace Sso.Tests.Throttling;

/// <summary>
/// The per-account counter outlives the request by its whole window, for made-up names too, so its
/// key must cost the same for a 60 KB name as for a real one, and still tell names apart.
/// </summary>
public sealed class SignInAccountTests
{
    [Fact]
    public void TheAccountKey_HasOneSize_WhateverTheNamesLength()
    {
        var shortName = SignInAccount.PartitionKeyOf("ALICE");
        var longName = SignInAccount.PartitionKeyOf(new string('A', 60 * 1024));

        Assert.Equal(shortName.Length, longName.Length);
        Assert.True(shortName.Length <= 64, shortName);
    }

    [Fact]
    public void NamesThatDifferOnlyAtTheEnd_CountApart()
    {
        var prefix = new string('A', 4096);

        Assert.NotEqual(SignInAccount.PartitionKeyOf(prefix + "1"), SignInAccount.PartitionKeyOf(prefix + "2"));
        Assert.Equal(SignInAccount.PartitionKeyOf("ALICE"), SignInAccount.PartitionKeyOf("ALICE"));
    }
}
