using Microsoft.Extensions.Options;

namespace Sso.RelyingParty.SingleSignOut;

/// <summary>Fails the start naming the key.</summary>
public sealed class BackChannelLogoutOptionsValidator : IValidateOptions<BackChannelLogoutOptions>
{
    private const string Section = BackChannelLogoutOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, BackChannelLogoutOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (options.MaxTokenAge < TimeSpan.FromSeconds(1) || options.MaxTokenAge > TimeSpan.FromMinutes(30))
        {
            failures.Add($"{Section}:MaxTokenAge must be between 00:00:01 and 00:30:00 (got {options.MaxTokenAge}).");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Section}:ClockSkew must be between 00:00:00 and 00:05:00 (got {options.ClockSkew}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
