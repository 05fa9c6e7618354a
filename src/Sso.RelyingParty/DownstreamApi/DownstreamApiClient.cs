using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using Sso.RelyingParty.Tokens;

namespace Sso.RelyingParty.DownstreamApi;

/// <summary>
/// Calls the other app's API with the signed-in person's access token (the token was issued for
/// that API's audience because this app asked for its scope at sign-in).
/// </summary>
public sealed class DownstreamApiClient(
    HttpClient httpClient,
    IOptions<DownstreamApiOptions> options,
    ILogger<DownstreamApiClient> logger)
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>Display name of the other app.</summary>
    public string Name => options.Value.Name;

    /// <summary>GET {BaseUrl}{Path} as the person signed in to <paramref name="httpContext"/>.</summary>
    public async Task<DownstreamApiResult> GetAsync(HttpContext httpContext, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);

        // The session's current token: the cookie validation that ran for this request has
        // already renewed it if it was about to expire.
        var accessToken = await httpContext.GetTokenAsync(SessionTokenNames.AccessToken).ConfigureAwait(false);
        if (string.IsNullOrEmpty(accessToken))
        {
            return new DownstreamApiResult(null, null, "No access token in this session: sign in again.");
        }

        var settings = options.Value;
        var url = new Uri(settings.BaseUrl.TrimEnd('/') + settings.Path, UriKind.Absolute);
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));

        try
        {
            using var response = await httpClient.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var body = Pretty(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false));
            if (response.IsSuccessStatusCode)
            {
                return new DownstreamApiResult(response.StatusCode, body, null);
            }

            // The challenge says why (invalid_token, insufficient_scope): worth showing.
            var challenge = string.Join(", ", response.Headers.WwwAuthenticate.Select(header => header.ToString()));
            var error = $"{settings.Name} answered {(int)response.StatusCode} {response.ReasonPhrase}"
                        + (challenge.Length > 0 ? $" ({HeaderNames.WWWAuthenticate}: {challenge})" : "");
            return new DownstreamApiResult(response.StatusCode, body, error);
        }
        catch (Exception exception) when (exception is HttpRequestException
                                          || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            logger.LogWarning(exception, "Calling {Api} at {Url} failed.", settings.Name, url);
            return new DownstreamApiResult(null, null, $"{settings.Name} could not be reached ({exception.GetType().Name}).");
        }
    }

    private static string? Pretty(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (JsonException)
        {
            return body;
        }
    }
}
