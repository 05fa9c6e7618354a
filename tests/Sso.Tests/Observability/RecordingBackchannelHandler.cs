namespace Sso.Tests.Observability;

/// <summary>
/// Sits in an app's OpenID Connect back channel and remembers the secrets that pass: the code,
/// the code verifier and the client credentials it sends, the tokens it receives.
/// </summary>
public sealed class RecordingBackchannelHandler(SecretRecorder secrets) : DelegatingHandler(new HttpClientHandler())
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Content is FormUrlEncodedContent form)
        {
            secrets.AddFromForm(await form.ReadAsStringAsync(cancellationToken));
        }

        if (request.Headers.Authorization is { Parameter: { } credential })
        {
            secrets.Add("Authorization header", credential);
        }

        var response = await base.SendAsync(request, cancellationToken);
        await response.Content.LoadIntoBufferAsync(cancellationToken);
        secrets.AddFromTokenResponse(await response.Content.ReadAsStringAsync(cancellationToken));
        return response;
    }
}
