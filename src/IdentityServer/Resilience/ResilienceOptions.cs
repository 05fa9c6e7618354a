using System.ComponentModel.DataAnnotations;

namespace Sso.IdentityServer.Resilience;

/// <summary>How the server answers while its database is unreachable.</summary>
public sealed class ResilienceOptions
{
    public const string Section = "Resilience";

    /// <summary>The Retry-After of a 503 given because the database is unreachable.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00", ErrorMessage = "Resilience:RetryAfter must be between 1 second and 10 minutes.")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(5);
}
