using Sso.IdentityServer.Admin;
using Xunit;

namespace Sso.Tests.Admin;

public sealed class LockoutStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ALockoutThatNeverEnds_IsABan()
    {
        var state = LockoutState.Of(lockoutEnabled: true, DateTimeOffset.MaxValue, Now);

        Assert.True(state.IsBanned);
        Assert.True(state.IsLocked);
        Assert.Equal("Banned", state.ToString());
    }

    [Fact]
    public void ALockoutAfterFailedSignIns_ShowsWhenItEnds()
    {
        var state = LockoutState.Of(lockoutEnabled: true, Now.AddMinutes(15), Now);

        Assert.False(state.IsBanned);
        Assert.Equal(Now.AddMinutes(15), state.LockedUntil);
        Assert.Equal("Locked until 2026-11-28 12:15 UTC", state.ToString());
    }

    [Theory]
    [InlineData(true, -1)]
    [InlineData(false, 60)]
    public void AnEndedLockout_OrLockoutDisabled_IsActive(bool lockoutEnabled, int minutesFromNow)
    {
        var state = LockoutState.Of(lockoutEnabled, Now.AddMinutes(minutesFromNow), Now);

        Assert.False(state.IsLocked);
        Assert.Equal("Active", state.ToString());
    }

    [Fact]
    public void NoLockoutEnd_IsActive() => Assert.False(LockoutState.Of(lockoutEnabled: true, null, Now).IsLocked);
}
