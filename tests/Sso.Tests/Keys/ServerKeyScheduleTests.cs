using Sso.IdentityServer.Keys;
using Xunit;

namespace Sso.Tests.Keys;

/// <summary>The rotation rules, without a server.</summary>
public sealed class ServerKeyScheduleTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Retention = TimeSpan.FromDays(30);

    [Fact]
    public void TheNewestActivatedKeySigns_APendingKeyIsPublishedAhead_AndTheRetiredKeyIsKept()
    {
        var retired = Key("retired", Now.AddDays(-20));
        var active = Key("active", Now.AddDays(-10));
        var pending = Key("pending", Now.AddHours(1));

        var selected = ServerKeySchedule.Select([retired, pending, active], ServerKeyUse.Signing, Now, Retention);

        Assert.Equal(["active", "pending", "retired"], selected.Select(key => key.Id));
    }

    [Fact]
    public void AKeyRetiredLongerThanTheLongestTokenLifetime_IsDropped_AndDeletable()
    {
        var ancient = Key("ancient", Now.AddDays(-100));
        var retiredLongAgo = Key("retired-long-ago", Now.AddDays(-60));
        var active = Key("active", Now.AddDays(-31));

        var selected = ServerKeySchedule.Select([ancient, retiredLongAgo, active], ServerKeyUse.Signing, Now, Retention);
        var expired = ServerKeySchedule.Expired([ancient, retiredLongAgo, active], Now, Retention);

        Assert.Equal(["active"], selected.Select(key => key.Id));
        Assert.Equal(["ancient", "retired-long-ago"], expired.Select(key => key.Id).Order());
    }

    [Fact]
    public void SigningAndEncryptionKeysAreScheduledSeparately()
    {
        var signing = Key("signing", Now.AddDays(-1));
        var encryption = Key("encryption", Now.AddDays(-1), ServerKeyUse.Encryption);

        Assert.Equal(["signing"], ServerKeySchedule.Select([signing, encryption], ServerKeyUse.Signing, Now, Retention).Select(key => key.Id));
        Assert.Equal(["encryption"], ServerKeySchedule.Select([signing, encryption], ServerKeyUse.Encryption, Now, Retention).Select(key => key.Id));
    }

    private static ServerKey Key(string id, DateTimeOffset activatesAt, ServerKeyUse use = ServerKeyUse.Signing) => new()
    {
        Id = id,
        Use = use,
        Algorithm = use == ServerKeyUse.Signing ? "RS256" : "A256KW",
        Material = [],
        CreatedAt = activatesAt,
        ActivatesAt = activatesAt,
    };
}
