using Microsoft.Extensions.Options;

namespace Sso.IdentityServer.Throttling;

/// <summary>Every limit must let at least one request through per window, and a window must end.</summary>
public sealed class ThrottlingOptionsValidator : IValidateOptions<ThrottlingOptions>
{
    public const int MaxPermitLimit = 1_000_000;

    public static readonly TimeSpan MaxWindow = TimeSpan.FromDays(1);

    public ValidateOptionsResult Validate(string? name, ThrottlingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        foreach (var (key, limit) in options.Limits)
        {
            var prefix = $"{ThrottlingOptions.Section}:{key}";
            if (limit is null)
            {
                failures.Add($"{prefix} is required.");
                continue;
            }

            if (limit.PermitLimit is < 1 or > MaxPermitLimit)
            {
                failures.Add($"{prefix}:{nameof(ThrottleLimit.PermitLimit)} must be between 1 and {MaxPermitLimit} (got {limit.PermitLimit}).");
            }

            if (limit.Window < TimeSpan.FromSeconds(1) || limit.Window > MaxWindow)
            {
                failures.Add($"{prefix}:{nameof(ThrottleLimit.Window)} must be between 00:00:01 and 1.00:00:00 (got {limit.Window}).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
