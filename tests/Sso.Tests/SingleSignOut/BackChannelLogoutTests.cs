using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.SingleSignOut;

/// <summary>
/// Orders' back-channel logout endpoint (OpenID Connect Back-Channel Logout 1.0) as the identity
/// server would call it. Every refusal is a 400 with a JSON error, and the session it aimed at stays
/// (SECURITY.md, "Sign-out"). Forged tokens are signed with the server's real key and differ from an
/// accepted one in a single defect each.
/// </summary>
public sealed class BackChannelLogoutTests(FullSystemFixture system) : IClassFixture<FullSystemFixture>
{
    /// <summary>Each bad request, by a name that shows in the results; it aims at the given session.</summary>
    private static readonly Dictionary<string, Func<LogoutTokenForge, BackChannelLogoutSender, AppSessionClient, Task<HttpResponseMessage>>> BadRequests = new()
    {
        ["signed by another key under the server's kid"] = (forge, sender, session) =>
            sender.PostAsync(Sign(forge, session, (h, p) => forge.Forge.SignWithAttackerKey(h, p))),
        ["alg none"] = (forge, sender, session) =>
            sender.PostAsync(Sign(forge, session, TokenForge.Unsecured)),
        ["HS256 keyed with the server's public key"] = (forge, sender, session) =>
            sender.PostAsync(Sign(forge, session, forge.Forge.SignHs256WithThePublicKeyPem)),
        ["signature cut"] = (forge, sender, session) =>
            sender.PostAsync(SignatureCut(Valid(forge, session))),
        ["payload edited after signing"] = (forge, sender, session) =>
            sender.PostAsync(EditedAfterSigning(forge, session)),
        ["audience of the other app"] = (forge, sender, session) =>
            sender.PostAsync(forge.Create(ClientB, session.SessionId, session.Subject)),
        ["issuer of another server"] = (forge, sender, session) =>
            sender.PostAsync(Spoilt(forge, session, payload: p => p["iss"] = "https://login.attacker.example/")),
        ["a nonce"] = (forge, sender, session) =>
            sender.PostAsync(Spoilt(forge, session, payload: p => p["nonce"] = "n-0S6_WzA2Mj")),
        ["no events"] = (forge, sender, session) =>
            sender.PostAsync(Spoilt(forge, session, payload: p => p.Remove("events"))),
        ["events without the back-channel logout member"] = (forge, sender, session) =>
            sender.PostAsync(Spoilt(forge, session, payload: p => p["events"] = new JsonObject { ["http://schemas.openid.net/event/other"] = new JsonObject() })),
        ["the back-channel logout event is not an object"] = (forge, sender, session) =>
            sender.PostAsync(Spoilt(forge, session, payload: p => p["events"] = new JsonObject { [LogoutTokenForge.BackChannelLogoutEvent] = "yes" })),
        ["events is a string"] = (forge, sender, session) =>
            sender.PostAsync(Spoilt(forge, session, payload: p => p["events"] = LogoutTokenForge.BackChannelLogoutEvent)),
        ["neither sid nor sub"] = (forge, sender, _) =>
            sender.PostAsync(forge.Create(ClientA, sid: null, sub: null)),
        ["sid is a number"] = (forge, sender, session) =>
            sender.PostAsync(Spoilt(forge, session, payload: p => p["sid"] = 42)),
        ["sub is empty"] = (forge, sender, session) =>
            sender.PostAsync(Spoilt(forge, session, payload: p => p["sub"] = "")),
        ["iat is a string"] = (forge, sender, session) =>
            sender.PostAsync(Spoilt(forge, session, payload: p => p["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture))),
        ["no jti"] = (forge, sender, session) =>
            sender.PostAsync(Spoilt(forge, session, payload: p => p.Remove("jti"))),
        ["no iat"] = (forge, sender, session) =>
            sender.PostAsync(Spoilt(forge, session, payload: p => p.Remove("iat"))),
        ["no exp"] = (forge, sender, session) =>
            sender.PostAsync(Spoilt(forge, session, payload: p => p.Remove("exp"))),
        ["expired 5 minutes ago"] = (forge, sender, session) =>
            sender.PostAsync(Spoilt(forge, session, payload: p => IssuedAgo(p, TimeSpan.FromMinutes(7), TimeSpan.FromMinutes(2)))),
        ["issued an hour ago, exp still ahead"] = (forge, sender, session) =>
            sender.PostAsync(Spoilt(forge, session, payload: p => IssuedAgo(p, TimeSpan.FromHours(1), TimeSpan.FromHours(2)))),
        ["issued in the future"] = (forge, sender, session) =>
            sender.PostAsync(Spoilt(forge, session, payload: p => IssuedAgo(p, TimeSpan.FromMinutes(-10), TimeSpan.FromMinutes(2)))),
        ["an ID token (typ JWT, a nonce, no events)"] = (forge, sender, session) =>
            sender.PostAsync(forge.IdToken(ClientA, session.SessionId, session.Subject)),
        ["typ JWT, otherwise a logout token"] = (forge, sender, session) =>
            sender.PostAsync(Spoilt(forge, session, header: h => h["typ"] = "JWT")),
        ["typ at+jwt, otherwise a logout token"] = (forge, sender, session) =>
            sender.PostAsync(Spoilt(forge, session, header: h => h["typ"] = "at+jwt")),
        ["no typ"] = (forge, sender, session) =>
            sender.PostAsync(Spoilt(forge, session, header: h => h.Remove("typ"))),
        ["kid unknown"] = (forge, sender, session) =>
            sender.PostAsync(Spoilt(forge, session, header: h => h["kid"] = Guid.NewGuid().ToString("N"))),
        ["garbage"] = (_, sender, _) => sender.PostAsync("garbage"),
        ["three parts of nonsense"] = (_, sender, _) => sender.PostAsync("a.b.c"),
        ["a JWE-shaped token"] = (_, sender, _) => sender.PostAsync("a.b.c.d.e"),
        ["100 KB of junk"] = (_, sender, _) => sender.PostAsync(new string('x', 100 * 1024)),
        ["no logout_token field"] = (forge, sender, session) =>
            sender.PostFormAsync(KeyValuePair.Create("token", Valid(forge, session))),
        ["two logout_token fields"] = (forge, sender, session) =>
            sender.PostFormAsync(KeyValuePair.Create("logout_token", Valid(forge, session)), KeyValuePair.Create("logout_token", Valid(forge, session))),
        ["a valid token sent as JSON"] = (forge, sender, session) => sender.PostAsJsonAsync(Valid(forge, session)),
        ["a valid token sent with GET"] = (forge, sender, session) => sender.GetAsync(Valid(forge, session)),
    };

    public static TheoryData<string> BadRequestNames => new(BadRequests.Keys);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ValidLogoutToken_ForTheSubject_EndsTheAppSession_AndAnswers200NoStore()
    {
        using var session = await AppSessionClient.SignInAsync(system, ClientApp.A, AliceUserName, AlicePassword);
        using var forge = LogoutTokenForge.For(system);
        using var sender = new BackChannelLogoutSender(system.AppAUrl);

        using var response = await sender.PostAsync(forge.Create(ClientA, sid: null, sub: session.Subject));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store is missing.");
        Assert.False(await session.IsSignedInAtAppAsync(), "The app session outlived a valid logout token.");
    }

    [Fact]
    public async Task ValidLogoutToken_ForTheSessionId_EndsTheAppSession()
    {
        using var session = await AppSessionClient.SignInAsync(system, ClientApp.A, AliceUserName, AlicePassword);
        Assert.NotNull(session.SessionId);
        using var forge = LogoutTokenForge.For(system);
        using var sender = new BackChannelLogoutSender(system.AppAUrl);

        using var response = await sender.PostAsync(forge.Create(ClientA, session.SessionId, sub: null));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(await session.IsSignedInAtAppAsync(), "The app session outlived a logout token for its sid.");
    }

    [Fact]
    public async Task ValidLogoutToken_ForTheSessionIdButAnotherSubject_LeavesTheSession()
    {
        using var session = await AppSessionClient.SignInAsync(system, ClientApp.A, AliceUserName, AlicePassword);
        using var forge = LogoutTokenForge.For(system);
        using var sender = new BackChannelLogoutSender(system.AppAUrl);

        // §2.6: sid and sub together name one session; a sid of Alice's with someone else's sub names none.
        using var response = await sender.PostAsync(forge.Create(ClientA, session.SessionId, sub: Guid.NewGuid().ToString()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await session.IsSignedInAtAppAsync(), "A logout token for another subject ended the session.");
    }

    [Theory]
    [MemberData(nameof(BadRequestNames))]
    public async Task BadLogoutRequest_IsRefusedWith400_AndTheSessionStays(string badRequest)
    {
        using var session = await AppSessionClient.SignInAsync(system, ClientApp.A, AliceUserName, AlicePassword);
        using var forge = LogoutTokenForge.For(system);
        using var sender = new BackChannelLogoutSender(system.AppAUrl);

        using var response = await BadRequests[badRequest](forge, sender, session);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store is missing.");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal("invalid_request", body.RootElement.GetProperty("error").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.RootElement.GetProperty("error_description").GetString()));
        Assert.True(await session.IsSignedInAtAppAsync(), "A refused logout token ended the session.");
    }

    [Fact]
    public async Task ReplayedLogoutToken_IsRefused_AndTheNewSessionStays()
    {
        using var session = await AppSessionClient.SignInAsync(system, ClientApp.A, AliceUserName, AlicePassword);
        using var forge = LogoutTokenForge.For(system);
        using var sender = new BackChannelLogoutSender(system.AppAUrl);
        var token = forge.Create(ClientA, sid: null, sub: session.Subject);
        using (var first = await sender.PostAsync(token))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        // The person signs in to the app again (silently, the server session lives); whoever
        // captured the logout token plays it again to throw them out.
        await session.OpenAccountPageAsync();
        using var replay = await sender.PostAsync(token);

        Assert.Equal(HttpStatusCode.BadRequest, replay.StatusCode);
        Assert.Contains("jti", await replay.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
        Assert.True(await session.IsSignedInAtAppAsync(), "A replayed logout token ended the new session.");
    }

    [Fact]
    public async Task ValidLogoutToken_ForSomeoneWithNoSessionHere_Answers200()
    {
        using var forge = LogoutTokenForge.For(system);
        using var sender = new BackChannelLogoutSender(system.AppAUrl);

        using var bySubject = await sender.PostAsync(forge.Create(ClientA, sid: null, sub: Guid.NewGuid().ToString()));
        using var bySid = await sender.PostAsync(forge.Create(ClientA, sid: Guid.NewGuid().ToString("N"), sub: null));

        Assert.Equal(HttpStatusCode.OK, bySubject.StatusCode);
        Assert.Equal(HttpStatusCode.OK, bySid.StatusCode);
    }

    private static string Valid(LogoutTokenForge forge, AppSessionClient session) =>
        forge.Create(ClientA, session.SessionId, session.Subject);

    private static string Spoilt(LogoutTokenForge forge, AppSessionClient session, Action<JsonObject>? header = null, Action<JsonObject>? payload = null) =>
        forge.Create(ClientA, session.SessionId, session.Subject, header, payload);

    private static string Sign(LogoutTokenForge forge, AppSessionClient session, Func<JsonObject, JsonObject, string> sign)
    {
        var (header, payload) = forge.Parts(ClientA, session.SessionId, session.Subject);
        return sign(header, payload);
    }

    /// <summary>A genuine token for someone else, then its sub changed to the session's without re-signing.</summary>
    private static string EditedAfterSigning(LogoutTokenForge forge, AppSessionClient session)
    {
        var parts = forge.Create(ClientA, sid: null, sub: Guid.NewGuid().ToString()).Split('.');
        var payload = JsonNode.Parse(Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Decode(parts[1]))!.AsObject();
        payload["sub"] = session.Subject;
        return $"{parts[0]}.{Microsoft.IdentityModel.Tokens.Base64UrlEncoder.Encode(payload.ToJsonString())}.{parts[2]}";
    }

    private static string SignatureCut(string token) => token[..(token.LastIndexOf('.') + 1)];

    private static void IssuedAgo(JsonObject payload, TimeSpan issuedAgo, TimeSpan lifetime)
    {
        var issuedAt = DateTimeOffset.UtcNow - issuedAgo;
        payload["iat"] = issuedAt.ToUnixTimeSeconds();
        payload["exp"] = (issuedAt + lifetime).ToUnixTimeSeconds();
    }
}
