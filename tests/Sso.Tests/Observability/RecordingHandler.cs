namespace Sso.Tests.Observability;

/// <summary>
/// Sits in an app's outgoing HTTP calls and remembers the secrets that pass: the code, code
/// verifier, client credentials and logout tokens it sends, the tokens it receives.
/// </summary>
public sealed class RecordingHandler : DelegatingHandler
{
    private readonly SecretRecorder _secrets;

    /// <param name="secrets">Where to remember them.</param>
    /// <param name="inner">The handler that sends (none when an HttpClient factory chains it).</param>
    public RecordingHandler(SecretRecorder secrets, HttpMessageHandler? inner = null)
    {
        _secrets = secrets;
        if (inner is not null)
        {
            InnerHandler = inner;
        }
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Content is FormUrlEncodedContent form)
        {
            _secrets.AddFromForm(await form.ReadAsStringAsync(cancellationToken));
        }

        if (request.Headers.Authorization is { Parameter: { } credential })
        {
            _secrets.Add("Authorization header", credential);
        }

        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        _secrets.AddFromTokenResponse(await response.Content.ReadAsStringAsync(cancellationToken));
        return response;
    }
}
