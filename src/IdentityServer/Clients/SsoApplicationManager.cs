using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;
using OpenIddict.Core;
using OpenIddict.EntityFrameworkCore.Models;

namespace Sso.IdentityServer.Clients;

/// <summary>
/// OpenIddict's application manager with cheap, safe checks of generated client secrets (see
/// <see cref="ClientSecrets"/> for the reasoning). Secrets hashed by OpenIddict's PBKDF2 before
/// this existed still verify, and a long one is re-hashed the first time it is presented.
/// </summary>
public sealed class SsoApplicationManager(
    IOpenIddictApplicationCache<OpenIddictEntityFrameworkCoreApplication> cache,
    ILogger<OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>> logger,
    IOptionsMonitor<OpenIddictCoreOptions> options,
    IOpenIddictApplicationStore<OpenIddictEntityFrameworkCoreApplication> store)
    : OpenIddictApplicationManager<OpenIddictEntityFrameworkCoreApplication>(cache, logger, options, store)
{
    protected override ValueTask<string> ObfuscateClientSecretAsync(string secret, CancellationToken cancellationToken = default) =>
        ClientSecrets.IsHighEntropy(secret)
            ? ValueTask.FromResult(ClientSecrets.HashSha256(secret))
            : base.ObfuscateClientSecretAsync(secret, cancellationToken);

    protected override ValueTask<bool> ValidateClientSecretAsync(string secret, string comparand, CancellationToken cancellationToken = default) =>
        ClientSecrets.IsSha256Hash(comparand)
            ? ValueTask.FromResult(ClientSecrets.VerifySha256(secret, comparand))
            : base.ValidateClientSecretAsync(secret, comparand, cancellationToken);

    public override async ValueTask<bool> ValidateClientSecretAsync(
        OpenIddictEntityFrameworkCoreApplication application, string secret, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(application);
        if (!await base.ValidateClientSecretAsync(application, secret, cancellationToken))
        {
            return false;
        }

        if (application.ClientSecret is { } stored && !ClientSecrets.IsSha256Hash(stored) && ClientSecrets.IsHighEntropy(secret))
        {
            await UpgradeHashAsync(application, secret, cancellationToken);
        }

        return true;
    }

    private async Task UpgradeHashAsync(OpenIddictEntityFrameworkCoreApplication application, string secret, CancellationToken cancellationToken)
    {
        try
        {
            await UpdateAsync(application, secret, cancellationToken);
        }
        catch (OpenIddictExceptions.ConcurrencyException)
        {
            // Another request upgraded (or changed) it at the same time; the next one will see it.
        }
    }
}
