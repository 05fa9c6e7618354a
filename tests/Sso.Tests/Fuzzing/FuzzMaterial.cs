using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Fuzzing;

/// <summary>
/// Real credentials for the fuzz cases to use whole, break or mix up: a person signed in at all
/// three apps (session cookies, antiforgery tokens), a sign-in in progress at each app (correlation
/// and nonce cookies with their state), real tokens of every kind, and forged ones. Bad input that
/// starts from something real gets further into the code than random bytes do.
/// </summary>
public sealed partial record FuzzMaterial(
    CookieContainer SignedIn,
    CookieContainer Anonymous,
    CookieContainer SigningIn,
    IReadOnlyDictionary<FuzzHost, string> FormTokens,
    string AnonymousFormToken,
    IReadOnlyDictionary<FuzzHost, string> PendingStates,
    IReadOnlyList<KeyValuePair<string, string>> Tokens,
    string RefreshToken,
    string InitialAccessToken,
    string RegisteredClientId,
    string RegistrationAccessToken,
    string BobId)
{
    /// <summary>A host that accepts no connection: where forged tokens point their key URLs (never fetched, and harmless if they were).</summary>
    private static readonly Uri Nowhere = new("http://127.0.0.1:9/");

    private static readonly string[] FuzzRedirectUris = ["https://fuzz.example.com/callback"];

    private static readonly string[] FuzzGrantTypes = ["authorization_code", "refresh_token"];

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public string Token(string name) => Tokens.First(token => token.Key == name).Value;

    public static async Task<FuzzMaterial> GatherAsync(FuzzSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        var signedIn = new CookieContainer();
        using var billing = new OAuthTestClient(system.Issuer, ClientB, ClientBSecret, system.RedirectUriOf(ClientB), signedIn);
        var billingTokens = await billing.GetTokensAsync(AliceUserName, AlicePassword, AppBScopes);
        using var orders = system.CreateClientInSameBrowser(billing, ClientA, ClientASecret);
        var authorization = await orders.AuthorizeAsync(AppAScopes);
        var ordersTokens = await orders.RedeemCodeAsync(authorization.Code!, authorization.Pkce.Verifier);
        Assert.True(ordersTokens.AccessToken is not null, ordersTokens.Body);

        var formTokens = new Dictionary<FuzzHost, string>
        {
            [FuzzHost.Server] = await FormTokenAsync(signedIn, new Uri(system.ServerUrl, "account")),
            [FuzzHost.Orders] = await FormTokenAsync(signedIn, new Uri(system.AppAUrl, "account")),
            [FuzzHost.Billing] = await FormTokenAsync(signedIn, new Uri(system.AppBUrl, "account")),
        };
        var anonymous = new CookieContainer();
        var anonymousFormToken = await FormTokenAsync(anonymous, new Uri(system.ServerUrl, "account/login"));

        var signingIn = new CookieContainer();
        var pending = new Dictionary<FuzzHost, string>
        {
            [FuzzHost.Orders] = await StartSignInAsync(signingIn, system.AppAUrl),
            [FuzzHost.Billing] = await StartSignInAsync(signingIn, system.AppBUrl),
        };

        using var reporting = system.CreateClient(Reporting, ReportingSecret, "");
        var service = await reporting.ClientCredentialsAsync("orders.read billing.read");
        using var automation = system.CreateClient(FuzzSystem.AdminClient, FuzzSystem.AdminSecret, "");
        var admin = (await automation.ClientCredentialsAsync("sso.admin")).AccessToken!;
        var (initialAccessToken, clientId, registrationToken) = await RegisterClientAsync(system, admin);

        using var forge = TokenForge.For(system);
        using var logout = new LogoutTokenForge(TokenForge.For(system));
        var tokens = new List<KeyValuePair<string, string>>
        {
            new("orders-access", billingTokens.AccessToken!),
            new("billing-access", ordersTokens.AccessToken!),
            new("id-token", billingTokens.IdToken!),
            new("service-access", service.AccessToken!),
            new("admin-access", admin),
            new("logout", logout.Create(ClientA, sid: Guid.NewGuid().ToString("N"), sub: null)),
            new("alg-none", forge.AlgNone()),
            new("hs256-public-key", forge.Hs256KeyedWithThePublicKeyPem()),
            new("payload-edited", forge.PayloadEditedAfterSigning()),
            new("signature-cut", forge.SignatureCut()),
            new("expired", forge.Expired()),
            new("forged-id-token", forge.IdToken()),
            new("jku", forge.OfferingAttackerKey("jku", Nowhere)),
            new("x5u", forge.OfferingAttackerKey("x5u", Nowhere)),
            new("jwk", forge.OfferingAttackerKey("jwk", Nowhere)),
            new("x5c", forge.OfferingAttackerKey("x5c", Nowhere)),
            new("huge-kid", forge.WithKid(new string('k', 20_000))),
        };

        return new FuzzMaterial(signedIn, anonymous, signingIn, formTokens, anonymousFormToken, pending, tokens,
            billingTokens.RefreshToken!, initialAccessToken, clientId, registrationToken, await system.UserIdOfAsync(BobUserName));
    }

    /// <summary>Opens a page as that browser would (following redirects, so an app signs in silently) and returns its form's antiforgery token.</summary>
    private static async Task<string> FormTokenAsync(CookieContainer cookies, Uri page)
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = true });
        var html = await http.GetStringAsync(page, Cancellation);
        return AntiforgeryField().Match(html) is { Success: true } match
            ? WebUtility.HtmlDecode(match.Groups[1].Value)
            : throw new InvalidOperationException($"No antiforgery token on {page}.");
    }

    /// <summary>Starts a sign-in at an app and stops at the redirect to the server: the app's correlation and nonce cookies, and its state.</summary>
    private static async Task<string> StartSignInAsync(CookieContainer cookies, Uri app)
    {
        using var http = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false });
        using var response = await http.GetAsync(new Uri(app, "account/sign-in"), Cancellation);
        var location = response.Headers.Location ?? throw new InvalidOperationException($"{app} did not redirect to sign in.");
        return QueryHelpers.ParseQuery(location.Query)["state"].ToString();
    }

    /// <summary>An initial access token from the admin API, and a client registered with it (RFC 7591) for its management URL (RFC 7592).</summary>
    private static async Task<(string Initial, string ClientId, string RegistrationToken)> RegisterClientAsync(FuzzSystem system, string adminToken)
    {
        using var http = new HttpClient { BaseAddress = system.ServerUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", adminToken);
        using var issued = await http.PostAsJsonAsync("admin/api/initial-access-tokens", new { expiresIn = "1.00:00:00", singleUse = false }, Cancellation);
        var initial = (await issued.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("token").GetString()!;

        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", initial);
        using var registered = await http.PostAsJsonAsync("connect/register", new
        {
            client_name = "Fuzz target",
            redirect_uris = FuzzRedirectUris,
            grant_types = FuzzGrantTypes,
            scope = "openid profile offline_access",
        }, Cancellation);
        var client = await registered.Content.ReadFromJsonAsync<JsonElement>(Cancellation);
        Assert.True(registered.StatusCode == HttpStatusCode.Created, client.ToString());
        return (initial, client.GetProperty("client_id").GetString()!, client.GetProperty("registration_access_token").GetString()!);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryField();
}
