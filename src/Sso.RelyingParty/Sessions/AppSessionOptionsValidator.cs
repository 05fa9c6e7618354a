using Microsoft.Extensions.Options;

namespace Sso.RelyingParty.Sessions;

/// <summary>Fails the start naming the key, rather than at the first sign-in.</summary>
public sealed class AppSessionOptionsValidator : IValidateOptions<AppSessionOptions>
{
    private const string Section = AppSessionOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, AppSessionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.SqlitePath) || options.SqlitePath.IndexOfAny(Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"{Section}:SqlitePath must name a file (got '{options.SqlitePath}').");
        }

        if (options.PurgeInterval < TimeSpan.FromSeconds(1) || options.PurgeInterval > TimeSpan.FromDays(1))
        {
            failures.Add($"{Section}:PurgeInterval must be between 00:00:01 and 1.00:00:00 (got {options.PurgeInterval}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
