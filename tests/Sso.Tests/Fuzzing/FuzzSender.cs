using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Sso.Tests.Fuzzing;

/// <summary>What became of one case: the status code, or why there was none.</summary>
public sealed record FuzzOutcome(int? Status, string? Failure)
{
    public bool Failed => Failure is not null || Status >= 500;
}

/// <summary>
/// Sends fuzz cases: through HttpClient when it can carry them, otherwise (or when HttpClient gave
/// up on a connection the server closed early, as a server may when it refuses a request before
/// reading its body) over a raw socket, byte for byte. Every response is read to its end, so a
/// server that stalls halfway through an answer counts as a hang.
/// </summary>
public sealed class FuzzSender : IDisposable
{
    private readonly FuzzSystem _system;
    private readonly TimeSpan _timeout;
    private readonly HttpClient _http;

    public FuzzSender(FuzzSystem system, TimeSpan timeout)
    {
        _system = system;
        _timeout = timeout;
        _http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
        })
        { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<FuzzOutcome> SendAsync(FuzzCase fuzzCase, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fuzzCase);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(_timeout);
        try
        {
            if (!fuzzCase.NeedsRawSocket && ToRequest(fuzzCase) is { } request)
            {
                try
                {
                    using (request)
                    {
                        return await SendWithHttpClientAsync(request, deadline.Token);
                    }
                }
                catch (HttpRequestException)
                {
                    // Retried below, byte for byte: a refusal sent before the body was read
                    // arrives intact on a socket that reads whatever the server answered.
                }
            }

            return await SendRawAsync(fuzzCase, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new FuzzOutcome(null, $"no complete answer within {_timeout.TotalSeconds:0} s (a hang)");
        }
    }

    private async Task<FuzzOutcome> SendWithHttpClientAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        await body.CopyToAsync(Stream.Null, cancellationToken);
        return new FuzzOutcome((int)response.StatusCode, null);
    }

    private HttpRequestMessage? ToRequest(FuzzCase fuzzCase)
    {
        if (!Uri.TryCreate(_system.UrlOf(fuzzCase.Endpoint.Host).GetLeftPart(UriPartial.Authority) + fuzzCase.Target, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var request = new HttpRequestMessage(new HttpMethod(fuzzCase.Method), uri);
        if (fuzzCase.Body is not null)
        {
            request.Content = new ByteArrayContent(fuzzCase.Body);
        }

        foreach (var (name, value) in fuzzCase.Headers)
        {
            var added = request.Headers.TryAddWithoutValidation(name, value)
                        || (request.Content ??= new ByteArrayContent([])).Headers.TryAddWithoutValidation(name, value);
            if (!added)
            {
                request.Dispose();
                return null;
            }
        }

        return request;
    }

    private async Task<FuzzOutcome> SendRawAsync(FuzzCase fuzzCase, CancellationToken cancellationToken)
    {
        var port = _system.UrlOf(fuzzCase.Endpoint.Host).Port;
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
        await using var stream = tcp.GetStream();

        // A space, CR or LF ends the request target: what followed would be read as the HTTP version
        // (or be missing) and Kestrel would answer 505 about the request line, never reaching the
        // endpoint under test. Every other byte goes out raw.
        var target = fuzzCase.Target.Replace(" ", "%20", StringComparison.Ordinal)
            .Replace("\r", "%0D", StringComparison.Ordinal).Replace("\n", "%0A", StringComparison.Ordinal);
        var head = new StringBuilder()
            .Append(fuzzCase.Method).Append(' ').Append(target).Append(" HTTP/1.1\r\n")
            .Append("Host: localhost:").Append(port).Append("\r\n");
        foreach (var (name, value) in fuzzCase.Headers)
        {
            head.Append(name).Append(": ").Append(value).Append("\r\n");
        }

        if (fuzzCase.Body is not null)
        {
            head.Append("Content-Length: ").Append(fuzzCase.Body.Length).Append("\r\n");
        }

        head.Append("Connection: close\r\n\r\n");
        try
        {
            await stream.WriteAsync(Encoding.Latin1.GetBytes(head.ToString()), cancellationToken);
            if (fuzzCase.Body is not null)
            {
                await stream.WriteAsync(fuzzCase.Body, cancellationToken);
            }
        }
        catch (IOException)
        {
            // The server closed early; what it answered before that is read below.
        }

        var answer = await ReadToEndAsync(stream, cancellationToken);
        var text = Encoding.Latin1.GetString(answer);
        // An interim answer (100 Continue) comes before the real one.
        while (text.StartsWith("HTTP/1.1 1", StringComparison.Ordinal) && text.IndexOf("\r\n\r\n", StringComparison.Ordinal) is var end and > 0)
        {
            text = text[(end + 4)..];
        }

        if (text.Length >= 12 && text.StartsWith("HTTP/1.", StringComparison.Ordinal) && int.TryParse(text.AsSpan(9, 3), out var status))
        {
            return new FuzzOutcome(status, null);
        }

        return new FuzzOutcome(null, answer.Length == 0 ? "the connection closed without an answer" : $"not an HTTP answer: {text[..Math.Min(80, text.Length)]}");
    }

    /// <summary>Reads until the server closes (Connection: close), keeping only the start.</summary>
    private static async Task<byte[]> ReadToEndAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var start = new MemoryStream();
        var buffer = new byte[16 * 1024];
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer, cancellationToken)) > 0)
            {
                if (start.Length < 4096)
                {
                    start.Write(buffer, 0, read);
                }
            }
        }
        catch (IOException)
        {
            // A reset after the answer: the answer is what counts.
        }

        return start.ToArray();
    }

    public void Dispose() => _http.Dispose();
}
