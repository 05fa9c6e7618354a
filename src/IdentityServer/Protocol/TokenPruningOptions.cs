using System.ComponentModel.DataAnnotations;

namespace Sso.IdentityServer.Protocol;

/// <summary>How often, and how far back, expired and no longer valid tokens and authorizations are deleted.</summary>
public sealed class TokenPruningOptions : IValidatableObject
{
    public const string Section = "TokenPruning";

    /// <summary>False: this instance never prunes (pruning done elsewhere, or a benchmark that must not be disturbed).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Time between two pruning passes (the first one runs this long after start).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "1.00:00:00")]
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Only rows created longer ago than this are pruned, and then only when they are expired,
    /// redeemed, revoked or otherwise no longer valid (OpenIddict's PruneAsync).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(14);

    /// <summary>
    /// A pass deletes tokens for at most this long, then authorizations for at most this long; what
    /// is left waits for the next pass, so a large backlog never holds the database for long.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan MaxPassDuration { get; set; } = TimeSpan.FromMinutes(1);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxPassDuration > Interval)
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(MaxPassDuration)} must not exceed {Section}:{nameof(Interval)}.",
                [nameof(MaxPassDuration)]);
        }
    }
}
