using System.Net;
using System.Net.Sockets;

namespace Sso.Tests.Support;

/// <summary>
/// Picks a free loopback port up front, so each app's URL (and the redirect URIs registered for it)
/// is known before anything starts. Tests never use the fixed development ports.
/// </summary>
public static class FreePort
{
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
