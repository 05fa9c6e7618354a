using System.Text.RegularExpressions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sso.RelyingParty.Transport;

namespace Sso.RelyingParty.SignIn;

/// <summary>
/// Fails the start with the configuration key at fault, instead of a vague error at the first
/// sign-in (or, worse, a silently insecure setup).
/// </summary>
public sealed partial class SsoClientOptionsValidator(IHostEnvironment environment) : IValidateOptions<SsoClientOptions>
{
    private const string Section = SsoClientOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, SsoClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (!TransportSecurity.IsAbsoluteHttpUrl(options.Authority, out var authority))
        {
            failures.Add($"{Section}:Authority must be the identity server's absolute http(s) URL (got '{options.Authority}').");
        }
        else if (!TransportSecurity.IsAcceptable(authority, environment))
        {
            failures.Add($"{Section}:Authority must use https; plain http is allowed only for a loopback host in Development (got '{options.Authority}').");
        }

        if (string.IsNullOrWhiteSpace(options.ClientId))
        {
            failures.Add($"{Section}:ClientId is required.");
        }

        // Both apps are confidential clients: without a secret the token endpoint refuses the code.
        if (string.IsNullOrWhiteSpace(options.ClientSecret))
        {
            failures.Add($"{Section}:ClientSecret is required (set it from a secret store outside Development).");
        }

        if (!options.Scopes.Contains("openid", StringComparer.Ordinal))
        {
            failures.Add($"{Section}:Scopes must include 'openid'.");
        }

        if (options.Scopes.Any(scope => string.IsNullOrWhiteSpace(scope) || scope.Contains(' ', StringComparison.Ordinal)))
        {
            failures.Add($"{Section}:Scopes must list one scope per entry, without spaces.");
        }

        if (!CookieNamePattern().IsMatch(options.CookieName))
        {
            failures.Add($"{Section}:CookieName is required and may contain only letters, digits, '.', '-' and '_' (got '{options.CookieName}').");
        }

        if (options.RefreshBeforeExpiry < TimeSpan.Zero || options.RefreshBeforeExpiry > TimeSpan.FromHours(1))
        {
            failures.Add($"{Section}:RefreshBeforeExpiry must be between 00:00:00 and 01:00:00 (got {options.RefreshBeforeExpiry}).");
        }

        if (options.BackchannelTimeout <= TimeSpan.Zero || options.BackchannelTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{Section}:BackchannelTimeout must be between 00:00:01 and 00:05:00 (got {options.BackchannelTimeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    // A cookie-name token (RFC 6265 §4.1.1) narrowed to what is safe to prefix and suffix.
    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex CookieNamePattern();
}
