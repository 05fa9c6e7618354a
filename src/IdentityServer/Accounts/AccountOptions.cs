using System.ComponentModel.DataAnnotations;

namespace Sso.IdentityServer.Accounts;

/// <summary>Password and lockout policy for people who sign in here.</summary>
public sealed class AccountOptions
{
    public const string Section = "Accounts";

    /// <summary>At least 8 (SECURITY.md, NIST 800-63B); no composition rules, long passphrases welcome.</summary>
    [Range(8, 128)]
    public int MinimumPasswordLength { get; set; } = 8;

    /// <summary>PBKDF2-HMAC-SHA512 iterations; OWASP asks for at least 210,000.</summary>
    [Range(210_000, 10_000_000)]
    public int PasswordHashIterations { get; set; } = 210_000;

    /// <summary>Failed sign-ins in a row before the account is locked.</summary>
    [Range(1, 100)]
    public int MaxFailedSignIns { get; set; } = 5;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How often a session re-checks the account (ban, password change) against the database.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SecurityStampValidationInterval { get; set; } = TimeSpan.FromMinutes(1);
}
