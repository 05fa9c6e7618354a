using System.Net;
using System.Net.Sockets;

namespace Sso.IdentityServer.Throttling;

/// <summary>
/// The client address a limit counts against: the connection's remote address, which the
/// forwarded-headers middleware has already replaced with X-Forwarded-For when (and only when) the
/// request came through the trusted local proxy (Server:TrustForwardedHeaders).
/// </summary>
public static class ClientAddress
{
    /// <summary>
    /// IPv4 addresses count one by one. An IPv6 host usually holds a whole /64 and can pick any
    /// address in it, so the /64 prefix counts as one address; otherwise an attacker would get a new
    /// allowance with every request.
    /// </summary>
    public static string PartitionKey(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
