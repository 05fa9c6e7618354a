using Microsoft.Extensions.Options;

namespace Sso.RelyingParty.ProtectedApi;

/// <summary>Fails the start naming the key: without credentials every introspected call would be refused.</summary>
public sealed class IntrospectionOptionsValidator : IValidateOptions<IntrospectionOptions>
{
    private const string Section = IntrospectionOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, IntrospectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"{Section}:ClientId is required (the API's client id at the identity server).");
        }

        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add($"{Section}:ClientSecret is required (set it from a secret store outside Development).");
        }

        if (options.CacheDuration < TimeSpan.Zero || options.CacheDuration > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Section}:CacheDuration must be between 00:00:00 and 00:05:00 (got {options.CacheDuration}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
