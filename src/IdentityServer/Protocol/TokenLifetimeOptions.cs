using System.ComponentModel.DataAnnotations;

namespace Sso.IdentityServer.Protocol;

/// <summary>
/// How long each kind of token lives. Access tokens are short because an API validates them
/// locally and cannot learn of a revocation; refresh tokens slide, within an absolute limit after
/// which the person signs in again.
/// </summary>
public sealed class TokenLifetimeOptions : IValidatableObject
{
    public const string Section = "TokenLifetimes";

    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan AccessToken { get; set; } = TimeSpan.FromMinutes(5);

    [Range(typeof(TimeSpan), "00:00:05", "1.00:00:00")]
    public TimeSpan IdentityToken { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>RFC 6749 §4.1.2 recommends at most ten minutes.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "00:10:00")]
    public TimeSpan AuthorizationCode { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Each refresh extends the session by this much...</summary>
    [Range(typeof(TimeSpan), "00:00:05", "365.00:00:00")]
    public TimeSpan RefreshTokenSliding { get; set; } = TimeSpan.FromDays(14);

    /// <summary>...but never beyond this long after the person signed in.</summary>
    [Range(typeof(TimeSpan), "00:00:05", "365.00:00:00")]
    public TimeSpan RefreshTokenAbsolute { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// A rotated-out refresh token still works this long, so two requests racing with the same token
    /// (two browser tabs) both succeed; replayed after it, the whole chain is revoked.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan RefreshTokenReuseLeeway { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The longest any token signed or encrypted by a server key can live.</summary>
    public TimeSpan Longest =>
        new[] { AccessToken, IdentityToken, AuthorizationCode, RefreshTokenSliding, RefreshTokenAbsolute }.Max();

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RefreshTokenSliding > RefreshTokenAbsolute)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(RefreshTokenSliding)} must not exceed {Section}:{nameof(RefreshTokenAbsolute)}.",
                [nameof(RefreshTokenSliding)]);
        }
    }
}
