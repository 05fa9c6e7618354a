using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Sso.RelyingParty.Transport;

namespace Sso.RelyingParty.DownstreamApi;

/// <summary>Fails the start naming the key; the base URL follows the same https rule as the authority, since access tokens travel to it.</summary>
public sealed class DownstreamApiOptionsValidator(IHostEnvironment environment) : IValidateOptions<DownstreamApiOptions>
{
    private const string Section = DownstreamApiOptions.SectionName;

    public ValidateOptionsResult Validate(string? name, DownstreamApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Name))
        {
            failures.Add($"{Section}:Name is required.");
        }

        if (!TransportSecurity.IsAbsoluteHttpUrl(options.BaseUrl, out var baseUrl))
        {
            failures.Add($"{Section}:BaseUrl must be the other app's absolute http(s) URL (got '{options.BaseUrl}').");
        }
        else if (!TransportSecurity.IsAcceptable(baseUrl, environment))
        {
            failures.Add($"{Section}:BaseUrl must use https; plain http is allowed only for a loopback host in Development (got '{options.BaseUrl}').");
        }

        if (string.IsNullOrWhiteSpace(options.Path) || !options.Path.StartsWith('/') || options.Path.StartsWith("//", StringComparison.Ordinal))
        {
            failures.Add($"{Section}:Path must be an absolute path such as '/api/invoices' (got '{options.Path}').");
        }

        if (options.Timeout <= TimeSpan.Zero || options.Timeout > TimeSpan.FromMinutes(2))
        {
            failures.Add($"{Section}:Timeout must be between 00:00:01 and 00:02:00 (got {options.Timeout}).");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
