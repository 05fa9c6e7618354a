using System.Net.Http.Headers;
using System.Text;
using Sso.RelyingParty.SignIn;
using Xunit;

namespace Sso.Tests.Support;

/// <summary>Plays the identity server's part in back-channel logout: POSTs logout tokens to an app's endpoint.</summary>
public sealed class BackChannelLogoutSender(Uri app) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = app };

    public static Uri EndpointOf(Uri app) => new(app, SsoPaths.BackChannelLogout.TrimStart('/'));

    /// <summary>As the server sends it (§2.5): a form POST with one logout_token field.</summary>
    public Task<HttpResponseMessage> PostAsync(string logoutToken) => PostFormAsync(KeyValuePair.Create("logout_token", logoutToken));

    /// <summary>A form POST with whatever fields a test chooses.</summary>
    public Task<HttpResponseMessage> PostFormAsync(params KeyValuePair<string, string>[] fields) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, EndpointOf(_http.BaseAddress!)) { Content = new FormUrlEncodedContent(fields) });

    /// <summary>The same token as a JSON body: right token, wrong content type.</summary>
    public Task<HttpResponseMessage> PostAsJsonAsync(string logoutToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, EndpointOf(_http.BaseAddress!))
        {
            Content = new StringContent($"{{\"logout_token\":\"{logoutToken}\"}}", Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        });

    /// <summary>The token in the query string of a GET.</summary>
    public Task<HttpResponseMessage> GetAsync(string logoutToken) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Get, $"{EndpointOf(_http.BaseAddress!)}?logout_token={Uri.EscapeDataString(logoutToken)}"));

    public Task<HttpResponseMessage> SendAsync(HttpRequestMessage request) =>
        _http.SendAsync(request, TestContext.Current.CancellationToken);

    public void Dispose() => _http.Dispose();
}
