using Sso.RelyingParty.SignIn;
using Xunit;

namespace Sso.Tests.StepUp;

/// <summary>The step-up rule alone: when to show, when to ask again, and when asking again would loop.</summary>
public sealed class RecentSignInTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan MaxAge = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan Skew = TimeSpan.FromSeconds(30);

    [Fact]
    public void SignInWithinTheAge_IsFresh() =>
        Assert.Equal(SignInFreshness.Fresh, RecentSignIn.Evaluate(Now.AddMinutes(-4), null, Now, MaxAge, Skew));

    [Fact]
    public void SignInJustBeyondTheAge_IsFresh_WithinTheClockSkew() =>
        Assert.Equal(SignInFreshness.Fresh, RecentSignIn.Evaluate(Now.AddMinutes(-5).AddSeconds(-20), null, Now, MaxAge, Skew));

    [Fact]
    public void OldSignIn_NeverAsked_IsTooOld() =>
        Assert.Equal(SignInFreshness.TooOld, RecentSignIn.Evaluate(Now.AddHours(-1), null, Now, MaxAge, Skew));

    [Fact]
    public void NoAuthTime_NeverAsked_IsTooOld() =>
        Assert.Equal(SignInFreshness.TooOld, RecentSignIn.Evaluate(null, null, Now, MaxAge, Skew));

    [Fact]
    public void JustAsked_AndTheSameOldSignInCameBack_IsNotRenewed_SoThePageDoesNotLoop() =>
        Assert.Equal(SignInFreshness.NotRenewed, RecentSignIn.Evaluate(Now.AddHours(-1), Now.AddSeconds(-3), Now, MaxAge, Skew));

    [Fact]
    public void JustAsked_AndNoAuthTimeCameBack_IsNotRenewed() =>
        Assert.Equal(SignInFreshness.NotRenewed, RecentSignIn.Evaluate(null, Now.AddSeconds(-3), Now, MaxAge, Skew));

    [Fact]
    public void AskedLongAgo_AndTheSignInThatAnsweredIsNowOld_IsTooOld_SoItIsAskedAgain() =>
        Assert.Equal(SignInFreshness.TooOld, RecentSignIn.Evaluate(Now.AddHours(-1), Now.AddHours(-1).AddSeconds(-10), Now, MaxAge, Skew));

    [Fact]
    public void StepUpChallenge_CarriesMaxAge_TheReturnPage_AndWhenItAsked()
    {
        var properties = RecentSignIn.StepUpChallenge("/payments", MaxAge, Now);

        Assert.Equal("/payments", properties.RedirectUri);
        Assert.Equal(MaxAge, properties.GetParameter<TimeSpan?>("max_age"));
        Assert.Equal(Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture),
            properties.Items[RecentSignIn.StepUpRequestedItem]);
    }

    [Fact]
    public void StepUpChallenge_NeverReturnsToAnotherSite() =>
        Assert.Equal("/", RecentSignIn.StepUpChallenge("//evil.example/payments", MaxAge, Now).RedirectUri);
}
