using Microsoft.Extensions.Options;

namespace Sso.RelyingParty.ProtectedApi;

/// <summary>Fails the start naming the key: an empty audience would make the API accept nothing (or worse).</summary>
public sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Audience))
        {
            failures.Add($"{ApiOptions.SectionName}:Audience is required (the aud value of this API's access tokens).");
        }

        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{ApiOptions.SectionName}:ClockSkew must be between 00:00:00 and 00:05:00 (got {options.ClockSkew}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
