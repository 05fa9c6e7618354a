using System.Net;
using System.Net.Sockets;

namespace Sso.Tests.Support;

/// <summary>
/// Picks a free loopback port up front, so each app's URL (and the redirect URIs registered for it)
/// is known before anything starts. Tests never use the fixed development ports.
/// </summary>
/// <remarks>
/// Ports come from below the kernel's ephemeral range: a port the OS hands out for outgoing
/// connections could be taken by one of the many HTTP calls the tests make between the pick and
/// the app binding it. Each port is handed out once per test run, so parallel classes never collide.
/// </remarks>
public static class FreePort
{
    private static readonly HashSet<int> HandedOut = [];
    private static readonly Lock Gate = new();

    public static int Next()
    {
        var (low, high) = RangeBelowEphemeralPorts();
        lock (Gate)
        {
            for (var attempt = 0; attempt < 1000; attempt++)
            {
                var port = Random.Shared.Next(low, high);
                if (HandedOut.Add(port) && IsFree(port))
                {
                    return port;
                }
            }
        }

        throw new InvalidOperationException($"No free loopback port between {low} and {high}.");
    }

    private static bool IsFree(int port)
    {
        try
        {
            using var listener = new TcpListener(IPAddress.Loopback, port);
            listener.Start();
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private static (int Low, int High) RangeBelowEphemeralPorts()
    {
        const string range = "/proc/sys/net/ipv4/ip_local_port_range";
        var ephemeralLow = File.Exists(range) && int.TryParse(File.ReadAllText(range).Split('\t', ' ')[0], out var value) ? value : 32768;
        return (Math.Max(1024, ephemeralLow - 12000), ephemeralLow);
    }
}
