using Microsoft.Extensions.Options;

namespace Sso.IdentityServer.Hosting;

/// <summary>
/// HTTPS is required outside Development. Development may use http, but only on a loopback host,
/// so the demo works on a fresh machine without a certificate and nothing else is exposed.
/// </summary>
public sealed class ServerOptionsValidator(IHostEnvironment environment) : IValidateOptions<ServerOptions>
{
    public ValidateOptionsResult Validate(string? name, ServerOptions options)
    {
        const string key = ServerOptions.Section + ":" + nameof(ServerOptions.Issuer);
        if (options.Issuer is not { IsAbsoluteUri: true } issuer)
        {
            return ValidateOptionsResult.Fail($"{key} must be an absolute URI.");
        }

        if (!string.IsNullOrEmpty(issuer.Query) || !string.IsNullOrEmpty(issuer.Fragment))
        {
            return ValidateOptionsResult.Fail($"{key} must not have a query or fragment (OpenID Connect Discovery §3).");
        }

        if (issuer.Scheme == Uri.UriSchemeHttps)
        {
            return ValidateOptionsResult.Success;
        }

        if (issuer.Scheme == Uri.UriSchemeHttp && issuer.IsLoopback && environment.IsDevelopment())
        {
            return ValidateOptionsResult.Success;
        }

        return ValidateOptionsResult.Fail(
            $"{key} must use https; plain http is allowed only in Development on a loopback host (got '{issuer}').");
    }
}
