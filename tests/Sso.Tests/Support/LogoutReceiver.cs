using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Sso.Tests.Support;

/// <summary>
/// Stands in for an app's back-channel logout endpoint on a loopback port: it records every logout
/// token posted to it and answers as the test says: 200, an error status, or nothing until released.
/// </summary>
public sealed class LogoutReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<string> _tokens = new();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _failuresLeft;
    private bool _hang;

    private LogoutReceiver(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        _app = builder.Build();
        _app.MapPost("/signout-backchannel", ReceiveAsync);
        Url = new Uri($"http://localhost:{port}/signout-backchannel");
    }

    public Uri Url { get; }

    /// <summary>Logout tokens received so far, oldest first (including those answered with an error).</summary>
    public IReadOnlyList<string> Tokens => [.. _tokens];

    public static async Task<LogoutReceiver> StartAsync()
    {
        var receiver = new LogoutReceiver(FreePort.Next());
        await receiver._app.StartAsync();
        return receiver;
    }

    /// <summary>Answers the next <paramref name="count"/> posts with 503, like an app that is restarting.</summary>
    public void FailNext(int count) => Volatile.Write(ref _failuresLeft, count);

    /// <summary>Holds every post open until <see cref="Release"/>: an app that is up but stuck.</summary>
    public void Hang() => _hang = true;

    public void Release() => _released.TrySetResult();

    /// <summary>Waits until at least <paramref name="count"/> tokens arrived, or fails after <paramref name="within"/>.</summary>
    public async Task<string> WaitForTokenAsync(TimeSpan within, int count = 1)
    {
        var deadline = DateTime.UtcNow + within;
        while (_tokens.Count < count)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{Url} received {_tokens.Count} logout tokens within {within}, expected {count}.");
            }

            await Task.Delay(50);
        }

        return _tokens.ToArray()[count - 1];
    }

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.DisposeAsync();
    }

    private async Task<IResult> ReceiveAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        _tokens.Enqueue(form["logout_token"].ToString());
        if (_hang)
        {
            await _released.Task;
        }

        return Interlocked.Decrement(ref _failuresLeft) >= 0 ? Results.StatusCode(503) : Results.Ok();
    }
}
