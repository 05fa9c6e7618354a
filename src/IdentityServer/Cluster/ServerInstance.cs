using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Sso.IdentityServer.Hosting;

namespace Sso.IdentityServer.Cluster;

/// <summary>
/// This instance among several: a name for people (the <c>X-Sso-Instance</c> header, logs) and a
/// lease holder id that is unique even if two instances were given the same name or one restarts.
/// </summary>
public sealed class ServerInstance(IOptions<ServerOptions> options, IServer server)
{
    private readonly Lazy<string> _name = new(() => options.Value.InstanceName is { Length: > 0 } name ? name : DefaultName(server));
    private readonly string _nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));

    /// <summary><c>Server:InstanceName</c>, or the machine name and the port this instance listens on.</summary>
    public string Name => _name.Value;

    public string LeaseHolder => $"{Name}#{_nonce}";

    // Read on first use, after Kestrel has bound its addresses.
    private static string DefaultName(IServer server)
    {
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault();
        var port = address is not null && Uri.TryCreate(address.Replace("*", "localhost", StringComparison.Ordinal).Replace("+", "localhost", StringComparison.Ordinal), UriKind.Absolute, out var uri)
            ? ":" + uri.Port
            : "";
        return Environment.MachineName + port;
    }
}
