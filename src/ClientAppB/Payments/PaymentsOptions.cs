namespace Sso.ClientAppB.Payments;

/// <summary>How recent a sign-in the payments page needs. Bound from the "Payments" section.</summary>
public sealed class PaymentsOptions
{
    public const string SectionName = "Payments";

    /// <summary>The payments page asks for the password again when the last sign-in is older than this.</summary>
    public TimeSpan MaxSignInAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Tolerated difference between the identity server's clock and ours, which also covers the
    /// seconds a fresh sign-in takes to come back (auth_time has whole seconds only).
    /// </summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);
}
