using Microsoft.Extensions.Options;

namespace Sso.ClientAppB.Payments;

/// <summary>Fails the start naming the key.</summary>
public sealed class PaymentsOptionsValidator : IValidateOptions<PaymentsOptions>
{
    private const string Section = PaymentsOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, PaymentsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        // max_age travels in whole seconds; below one it would mean "always sign in again".
        if (options.MaxSignInAge < TimeSpan.FromSeconds(1) || options.MaxSignInAge > TimeSpan.FromDays(1))
        {
            failures.Add($"{Section}:MaxSignInAge must be between 00:00:01 and 1.00:00:00 (got {options.MaxSignInAge}).");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Section}:ClockSkew must be between 00:00:00 and 00:05:00 (got {options.ClockSkew}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
