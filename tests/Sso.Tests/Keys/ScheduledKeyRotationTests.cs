using Microsoft.IdentityModel.Tokens;
using Sso.Tests.Support;
using Xunit;

namespace Sso.Tests.Keys;

/// <summary>A server whose newest signing key is older than <c>Keys:RotationInterval</c> rotates by itself.</summary>
public sealed class ScheduledKeyRotationTests(ScheduledKeyRotationTests.FastRotatingServer system) : IClassFixture<ScheduledKeyRotationTests.FastRotatingServer>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnAgingSigningKey_IsRotatedWithoutACommand_AndTheNewKeyIsPublishedBesideTheOld()
    {
        var first = await PublishedKidsAsync();

        var later = first;
        await Eventually.TrueAsync(async () => (later = await PublishedKidsAsync()).Except(first).Any(),
            TimeSpan.FromSeconds(20), "a new signing key published");

        // The old key stays published: tokens it signed must still validate until they expire.
        Assert.Superset(first.ToHashSet(), later.ToHashSet());
    }

    private async Task<List<string>> PublishedKidsAsync()
    {
        using var client = system.CreateClient();
        var jwks = new JsonWebKeySet(await client.Http.GetStringAsync(".well-known/jwks", Cancellation));
        return [.. jwks.Keys.Select(key => key.Kid)];
    }

    public sealed class FastRotatingServer() : SsoSystem(withApps: false)
    {
        protected override void ConfigureServer(IDictionary<string, string?> settings)
        {
            settings["Keys:RotationInterval"] = "00:00:02";
        }
    }
}
