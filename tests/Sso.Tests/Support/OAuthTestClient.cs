using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Xunit;

namespace Sso.Tests.Support;

/// <summary>
/// Speaks OAuth 2.0 / OpenID Connect to the identity server over real HTTP, the way a client app
/// and a browser would together: it keeps the browser's cookies, signs in through the real sign-in
/// form and never follows redirects, so each step's answer can be checked.
/// </summary>
public sealed partial class OAuthTestClient : IDisposable
{
    private readonly HttpClient _http;

    /// <param name="cookies">The browser's cookie jar; share one to act as several apps in one browser.</param>
    public OAuthTestClient(Uri issuer, string clientId, string? clientSecret, string redirectUri, CookieContainer? cookies = null)
    {
        Issuer = issuer;
        ClientId = clientId;
        ClientSecret = clientSecret;
        RedirectUri = redirectUri;
        Cookies = cookies ?? new CookieContainer();
        _http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = Cookies }) { BaseAddress = issuer };
    }

    public Uri Issuer { get; }

    public string ClientId { get; }

    public string? ClientSecret { get; }

    public string RedirectUri { get; }

    public CookieContainer Cookies { get; }

    public HttpClient Http => _http;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>Signs in through the sign-in form; returns the form's answer.</summary>
    public async Task<HttpResponseMessage> SignInAsync(string userName, string password, string returnUrl = "/")
    {
        var form = await GetFormTokenAsync("account/login");
        return await _http.PostAsync($"account/login?ReturnUrl={Uri.EscapeDataString(returnUrl)}", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.UserName"] = userName,
            ["Input.Password"] = password,
            ["__RequestVerificationToken"] = form,
        }), Cancellation);
    }

    /// <summary>GETs a page of the identity server and returns its antiforgery token.</summary>
    public async Task<string> GetFormTokenAsync(string path)
    {
        var html = await _http.GetStringAsync(path, Cancellation);
        return AntiforgeryField().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"No antiforgery token on {path}.");
    }

    /// <summary>A standard authorization request (code, PKCE S256, state, nonce); <paramref name="change"/> alters it.</summary>
    public async Task<AuthorizeResponse> AuthorizeAsync(string scope, Action<Dictionary<string, string?>>? change = null)
    {
        var pkce = Pkce.Create();
        var state = Guid.NewGuid().ToString("N");
        var nonce = Guid.NewGuid().ToString("N");
        var parameters = new Dictionary<string, string?>
        {
            ["client_id"] = ClientId,
            ["redirect_uri"] = RedirectUri,
            ["response_type"] = "code",
            ["scope"] = scope,
            ["state"] = state,
            ["nonce"] = nonce,
            ["code_challenge"] = pkce.Challenge,
            ["code_challenge_method"] = "S256",
        };
        change?.Invoke(parameters);
        var url = QueryHelpers.AddQueryString("connect/authorize", parameters.Where(p => p.Value is not null));
        using var response = await _http.GetAsync(url, Cancellation);
        return await ReadAuthorizeResponseAsync(response, pkce, state, nonce);
    }

    /// <summary>Posts the consent page's form with the person's decision, as the browser would.</summary>
    public async Task<AuthorizeResponse> DecideConsentAsync(AuthorizeResponse consentPage, string decision, bool withAntiforgeryToken = true)
    {
        var fields = HiddenFields(consentPage.Body)
            .Where(field => withAntiforgeryToken || field.Key != "__RequestVerificationToken")
            .Append(KeyValuePair.Create("sso_decision", decision));
        using var response = await _http.PostAsync("connect/authorize", new FormUrlEncodedContent(fields), Cancellation);
        return await ReadAuthorizeResponseAsync(response, consentPage.Pkce, consentPage.State, consentPage.Nonce);
    }

    private async Task<AuthorizeResponse> ReadAuthorizeResponseAsync(HttpResponseMessage response, Pkce pkce, string state, string nonce)
    {
        var body = await response.Content.ReadAsStringAsync(Cancellation);
        var location = response.Headers.Location is { } relative ? new Uri(Issuer, relative) : null;
        return new AuthorizeResponse(response.StatusCode, location, body, pkce, state, nonce);
    }

    private static IEnumerable<KeyValuePair<string, string>> HiddenFields(string html) =>
        HiddenField().Matches(html)
            .Select(match => KeyValuePair.Create(WebUtility.HtmlDecode(match.Groups[1].Value), WebUtility.HtmlDecode(match.Groups[2].Value)))
            .Concat(AntiforgeryField().Matches(html)
                .Select(match => KeyValuePair.Create("__RequestVerificationToken", WebUtility.HtmlDecode(match.Groups[1].Value))));

    /// <summary>Signs in (if needed) and runs the code flow to its tokens.</summary>
    public async Task<TokenResponse> GetTokensAsync(string userName, string password, string scope)
    {
        var signIn = await SignInAsync(userName, password);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var authorization = await AuthorizeAsync(scope);
        Assert.True(authorization.Code is not null, $"No code: {authorization.Status} {authorization.Location} {authorization.Body}");
        var tokens = await RedeemCodeAsync(authorization.Code, authorization.Pkce.Verifier);
        Assert.True(tokens.AccessToken is not null, tokens.Body);
        return tokens;
    }

    /// <summary>RP-initiated logout with an ID token as hint, as an app's sign-out button does; the server answers with a redirect.</summary>
    public async Task<HttpStatusCode> EndSessionAsync(string idTokenHint)
    {
        using var response = await _http.GetAsync(
            QueryHelpers.AddQueryString("connect/endsession", "id_token_hint", idTokenHint), Cancellation);
        return response.StatusCode;
    }

    public Task<TokenResponse> RedeemCodeAsync(string code, string? verifier, string? redirectUri = null) =>
        PostTokenAsync(new()
        {
            ["grant_type"] = "authorization_code",
            ["code"] = code,
            ["code_verifier"] = verifier,
            ["redirect_uri"] = redirectUri ?? RedirectUri,
        });

    public Task<TokenResponse> RefreshAsync(string refreshToken, string? scope = null) =>
        PostTokenAsync(new() { ["grant_type"] = "refresh_token", ["refresh_token"] = refreshToken, ["scope"] = scope });

    public Task<TokenResponse> ClientCredentialsAsync(string scope) =>
        PostTokenAsync(new() { ["grant_type"] = "client_credentials", ["scope"] = scope });

    public Task<TokenResponse> IntrospectAsync(string token) => PostAsync("connect/introspect", new() { ["token"] = token });

    public Task<TokenResponse> RevokeAsync(string token) => PostAsync("connect/revoke", new() { ["token"] = token });

    /// <summary>Posts to the token endpoint, authenticating with HTTP Basic as this client.</summary>
    public Task<TokenResponse> PostTokenAsync(Dictionary<string, string?> form) => PostAsync("connect/token", form);

    /// <summary>Posts a form, authenticating with HTTP Basic as this client (none when it has no secret).</summary>
    public async Task<TokenResponse> PostAsync(string path, Dictionary<string, string?> form, AuthenticationHeaderValue? authorization = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent(form.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, p.Value!))),
        };
        if (ClientSecret is null)
        {
            form.TryAdd("client_id", ClientId);
            request.Content = new FormUrlEncodedContent(form.Where(p => p.Value is not null).Select(p => KeyValuePair.Create(p.Key, p.Value!)));
        }

        request.Headers.Authorization = authorization ?? BasicAuthentication(ClientId, ClientSecret);
        using var response = await _http.SendAsync(request, Cancellation);
        return await TokenResponse.ReadAsync(response, Cancellation);
    }

    /// <summary>RFC 6749 §2.3.1: id and secret are form-encoded before they are joined.</summary>
    public static AuthenticationHeaderValue? BasicAuthentication(string clientId, string? secret) =>
        secret is null
            ? null
            : new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();

    [GeneratedRegex("<input type=\"hidden\" name=\"([^\"]+)\" value=\"([^\"]*)\"")]
    private static partial Regex HiddenField();
}
