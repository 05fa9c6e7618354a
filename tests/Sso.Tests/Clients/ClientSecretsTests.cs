using Sso.IdentityServer.Clients;
using Xunit;

namespace Sso.Tests.Clients;

public sealed class ClientSecretsTests
{
    [Fact]
    public void GeneratedSecrets_Carry256RandomBits_InBase64Url()
    {
        var secrets = Enumerable.Range(0, 100).Select(_ => ClientSecrets.Generate()).ToList();

        Assert.All(secrets, secret =>
        {
            Assert.Equal(ClientSecrets.GeneratedLength, secret.Length);
            Assert.Equal(32, Microsoft.AspNetCore.WebUtilities.WebEncoders.Base64UrlDecode(secret).Length);
            Assert.True(ClientSecrets.IsHighEntropy(secret));
        });
        Assert.Equal(secrets.Count, secrets.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void TheSha256Hash_VerifiesOnlyTheSameSecret_AndHidesIt()
    {
        var secret = ClientSecrets.Generate();
        var stored = ClientSecrets.HashSha256(secret);

        Assert.DoesNotContain(secret, stored, StringComparison.Ordinal);
        Assert.True(ClientSecrets.VerifySha256(secret, stored));
        Assert.False(ClientSecrets.VerifySha256(secret[..^1] + (secret[^1] == 'A' ? 'B' : 'A'), stored));
        Assert.False(ClientSecrets.VerifySha256(secret, "sha256:not-base64"));
        Assert.False(ClientSecrets.VerifySha256(secret, "AQAAAAEAACcQAAAAE"));
    }
}
