using Microsoft.Extensions.Options;
using OpenIddict.Server;

namespace Sso.IdentityServer.Keys;

/// <summary>
/// Hands the key ring's current keys to OpenIddict each time its options are (re)built. The active
/// key comes first: OpenIddict signs with the first asymmetric key and publishes them all.
/// </summary>
public sealed class ConfigureServerKeys(ServerKeyRing ring) : IConfigureOptions<OpenIddictServerOptions>
{
    public void Configure(OpenIddictServerOptions options)
    {
        if (ring.SigningCredentials.Count == 0)
        {
            throw new InvalidOperationException("Server keys were not loaded: call ServerKeyRing.ReloadAsync at start-up.");
        }

        options.SigningCredentials.AddRange(ring.SigningCredentials);
        options.EncryptionCredentials.AddRange(ring.EncryptingCredentials);
    }
}
