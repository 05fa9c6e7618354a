using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace Sso.Tests.Support;

/// <summary>
/// A loopback TCP relay between a server and its database that a test can cut and restore: while cut,
/// every open connection is reset and new ones are closed at once, which is what a server sees when
/// its database goes away (a crash, a network partition, a failover).
/// </summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly DnsEndPoint _target;
    private readonly ConcurrentDictionary<Socket, byte> _open = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _accepting;
    private volatile bool _cut;

    private TcpForwarder(int port, DnsEndPoint target)
    {
        _target = target;
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Start();
        Port = port;
        _accepting = Task.Run(AcceptAsync);
    }

    public int Port { get; }

    public static TcpForwarder Start(string targetHost, int targetPort) => new(FreePort.Next(), new DnsEndPoint(targetHost, targetPort));

    /// <summary>Resets every relayed connection and refuses service until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        _cut = true;
        foreach (var socket in _open.Keys)
        {
            Reset(socket);
        }
    }

    public void Restore() => _cut = false;

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        Cut();
        try
        {
            await _accepting;
        }
        catch (OperationCanceledException)
        {
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(_stopping.Token);
            }
            catch (Exception exception) when (exception is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            if (_cut)
            {
                Reset(client);
                continue;
            }

            _ = Task.Run(() => RelayAsync(client));
        }
    }

    private async Task RelayAsync(Socket client)
    {
        var server = new Socket(SocketType.Stream, ProtocolType.Tcp);
        _open.TryAdd(client, 0);
        _open.TryAdd(server, 0);
        try
        {
            await server.ConnectAsync(_target, _stopping.Token);
            await Task.WhenAny(PumpAsync(client, server), PumpAsync(server, client));
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            _open.TryRemove(client, out _);
            _open.TryRemove(server, out _);
            Reset(client);
            Reset(server);
        }
    }

    private async Task PumpAsync(Socket from, Socket to)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (!_cut)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, _stopping.Token);
                if (read == 0 || _cut)
                {
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, _stopping.Token);
            }
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
    }

    // Linger 0 sends a reset rather than a polite close: the peer learns at once that the connection is gone.
    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception exception) when (exception is SocketException or ObjectDisposedException)
        {
        }
    }
}
