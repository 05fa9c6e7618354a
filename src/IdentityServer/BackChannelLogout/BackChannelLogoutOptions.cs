using System.ComponentModel.DataAnnotations;

namespace Sso.IdentityServer.BackChannelLogout;

/// <summary>How logout notices are sent to apps: bounded in time, retried, never blocking a person.</summary>
public sealed class BackChannelLogoutOptions
{
    public const string Section = "BackChannelLogout";

    /// <summary>How long one POST to an app may take before it counts as failed.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Attempts per notice before it is recorded as failed.</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Wait after the first failure; it doubles after each further one.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How often the outbox is checked for retries and for notices queued by other instances.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:10:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a logout token stays valid; apps refuse it after that (and remember its jti until then).</summary>
    [Range(typeof(TimeSpan), "00:00:10", "00:10:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Delivered and failed notices are kept this long for the record, then deleted.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "365.00:00:00")]
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(30);
}
