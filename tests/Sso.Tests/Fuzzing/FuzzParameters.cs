using CsCheck;
using Sso.Tests.Support;

namespace Sso.Tests.Fuzzing;

/// <summary>
/// Parameter names and plausible values per kind of endpoint: the OAuth parameters, the fields of
/// our forms, the JSON members of registration and the admin API. A plausible value (a real client
/// id, a real redirect URI, a real or doctored token) gets a request past the first checks, so the
/// bad part of it reaches deeper code.
/// </summary>
public sealed class FuzzParameters(FuzzSystem system, Func<FuzzMaterial> material)
{
    private static readonly string[] ProtocolNames =
    [
        "client_id", "redirect_uri", "response_type", "scope", "state", "nonce", "code_challenge", "code_challenge_method", "prompt",
        "max_age", "id_token_hint", "login_hint", "request", "request_uri", "response_mode", "grant_type", "code", "code_verifier",
        "refresh_token", "token", "token_type_hint", "client_secret", "client_assertion", "client_assertion_type",
        "post_logout_redirect_uri", "logout_token", "ui_locales", "claims", "resource", "audience", "sso_decision",
        "__RequestVerificationToken", "access_token", "iss", "error", "error_description", "session_state", "id_token", "sid",
    ];

    private static readonly string[] PageNames =
    [
        "Input.UserName", "Input.Password", "Input.CurrentPassword", "Input.NewPassword", "Input.ConfirmPassword", "ReturnUrl",
        "returnUrl", "handler", "__RequestVerificationToken", "q", "p", "from", "to", "type", "user", "sessionId", "reason",
        "Input.ClientId", "Input.DisplayName", "Input.Type", "Input.ConsentType", "Input.AuthorizationCode", "Input.RefreshToken",
        "Input.ClientCredentials", "Input.RedirectUris", "Input.PostLogoutRedirectUris", "Input.BackChannelLogoutUri",
        "Input.Scopes", "Input.AccessTokenLifetime", "Input.IdentityTokenLifetime", "Input.AuthorizationCodeLifetime",
        "Input.RefreshTokenLifetime", "Input", "Input[0]", "Input.UserName[0]",
    ];

    public static readonly string[] JsonNames =
    [
        "client_id", "client_secret", "client_name", "redirect_uris", "post_logout_redirect_uris", "grant_types", "response_types",
        "scope", "token_endpoint_auth_method", "backchannel_logout_uri", "backchannel_logout_session_required", "jwks", "jwks_uri",
        "software_statement", "contacts", "logo_uri", "application_type", "clientId", "displayName", "type", "consentType",
        "grantTypes", "redirectUris", "postLogoutRedirectUris", "backChannelLogoutUri", "scopes", "accessTokenLifetime",
        "identityTokenLifetime", "authorizationCodeLifetime", "refreshTokenLifetime", "name", "resources", "expiresIn",
        "singleUse", "description", "__proto__", "",
    ];

    private static readonly string[] JwtNames =
        ["id_token_hint", "logout_token", "client_assertion", "request", "token", "access_token", "id_token"];

    private readonly Gen<FuzzValue> _jwt = JwtMutations.Of(material);

    /// <summary>A list of parameters: a few, duplicated ones, thousands of one repeated, or thousands of distinct ones.</summary>
    public Gen<KeyValuePair<string, FuzzValue>[]> For(FuzzEndpoint endpoint)
    {
        var one = from name in NameFor(endpoint.Kind) from value in ValueFor(name, endpoint.Host) select KeyValuePair.Create(name, value);
        return Gen.Frequency(
            (6, one.Array[0, 8]),
            (2, from first in one.Array[1, 4]
                from second in one.Array[4, 4]
                select first.Zip(second, (a, b) => new[] { a, KeyValuePair.Create(a.Key, b.Value) }).SelectMany(pair => pair).ToArray()),
            // Short values only: five thousand copies of a megabyte would be five gigabytes.
            (1, from name in NameFor(endpoint.Kind)
                from value in Gen.Frequency((3, FuzzValues.Ascii), (1, FuzzValues.PercentGarbage)).Select(text => new FuzzValue(text, Literal: text.Contains('%', StringComparison.Ordinal)))
                from count in Gen.OneOf(1000, 5000)
                select Enumerable.Repeat(KeyValuePair.Create(name, value), count).ToArray()),
            (1, Gen.Int[1000, 3000].Select(count =>
                Enumerable.Range(0, count).Select(i => KeyValuePair.Create($"p{i}", new FuzzValue("x", Literal: false))).ToArray())));
    }

    /// <summary>A value for a route parameter ({clientId}, {id}, {name}): a real or unknown id, junk, a traversal, 4 KB.</summary>
    public Gen<FuzzValue> RouteValue() => FuzzValues.Any(Gen.Int[0, 4].Select(i => i switch
    {
        0 => material().RegisteredClientId,
        1 => material().BobId,
        2 => "no-such-client",
        3 => "..",
        _ => Guid.NewGuid().ToString(),
    }));

    private static Gen<string> NameFor(EndpointKind kind)
    {
        var names = kind switch
        {
            EndpointKind.Page => PageNames,
            EndpointKind.Json => JsonNames,
            _ => ProtocolNames,
        };
        return Gen.Frequency((9, Gen.OneOf(names)), (1, FuzzValues.Small(Gen.OneOf(ProtocolNames)).Select(value => value.Text)));
    }

    private Gen<FuzzValue> ValueFor(string name, FuzzHost host) =>
        JwtNames.Contains(name, StringComparer.Ordinal)
            ? Gen.Frequency((3, _jwt), (1, FuzzValues.Any(Gen.Const("x"))))
            : FuzzValues.Any(Plausible(name, host));

    private Gen<string> Plausible(string name, FuzzHost host) => name switch
    {
        "client_id" or "Input.ClientId" => Gen.OneOf(TestAccounts.ClientA, TestAccounts.ClientB, TestAccounts.Partner, TestAccounts.Reporting, "unknown-client")
            .Select(id => id == "unknown-client" ? material().RegisteredClientId : id),
        "redirect_uri" or "post_logout_redirect_uri" or "Input.RedirectUris" or "Input.PostLogoutRedirectUris" or "Input.BackChannelLogoutUri" => Gen.OneOf(
            system.RedirectUriOf(TestAccounts.ClientA), system.RedirectUriOf(TestAccounts.ClientB), TestAccounts.PartnerRedirectUri,
            new Uri(system.AppAUrl, "signout-callback-oidc").ToString(), "https://evil.example/cb", system.RedirectUriOf(TestAccounts.ClientA) + "/x",
            system.RedirectUriOf(TestAccounts.ClientA).ToUpperInvariant(), "http://localhost:1/signin-oidc", "javascript:alert(1)"),
        "response_type" => Gen.OneOf("code", "token", "code id_token", "none", "id_token token"),
        "scope" or "Input.Scopes" => Gen.OneOf("openid", TestAccounts.AppAScopes, "openid sso.admin", "openid offline_access orders.write",
            string.Join(' ', Enumerable.Range(0, 300).Select(i => $"s{i}"))),
        "code_challenge_method" => Gen.OneOf("S256", "plain", "s256"),
        "code_challenge" or "code_verifier" => Gen.OneOf("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM", "short", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"),
        "prompt" => Gen.OneOf("none", "login", "consent", "none login", "select_account", "create"),
        "grant_type" => Gen.OneOf("authorization_code", "refresh_token", "client_credentials", "password", "implicit",
            "urn:ietf:params:oauth:grant-type:jwt-bearer", "urn:ietf:params:oauth:grant-type:device_code", "urn:ietf:params:oauth:grant-type:token-exchange"),
        "refresh_token" or "code" => FuzzGen.Each(() => material().RefreshToken),
        "client_secret" => Gen.OneOf(TestAccounts.ClientASecret, "wrong"),
        "client_assertion_type" => Gen.OneOf("urn:ietf:params:oauth:client-assertion-type:jwt-bearer", "x"),
        "token_type_hint" => Gen.OneOf("access_token", "refresh_token", "id_token"),
        "state" => FuzzGen.Each(() => material().PendingStates.GetValueOrDefault(host, "state")),
        "iss" => Gen.OneOf(system.Issuer.ToString(), "http://evil.example/"),
        "request_uri" => Gen.OneOf("urn:ietf:params:oauth:request_uri:x", "http://127.0.0.1:9/request"),
        "sso_decision" => Gen.OneOf("accept", "deny"),
        "__RequestVerificationToken" => Gen.Int[0, 1].Select(i => i == 0 ? material().FormTokens[host] : material().AnonymousFormToken),
        "Input.UserName" => Gen.OneOf(TestAccounts.BobUserName, "nobody"),
        "ReturnUrl" or "returnUrl" => Gen.OneOf("/", "/connect/authorize?client_id=client-a", "https://evil.example", "//evil.example", "/\\evil.example"),
        "handler" => Gen.OneOf("EndSession", "SignOutEverywhere", "RotateSecret", "EndAll", "Lock", "Unlock", "Delete"),
        "sessionId" or "user" or "id" => FuzzGen.Each(() => material().BobId),
        "max_age" or "p" or "Input.AccessTokenLifetime" or "Input.RefreshTokenLifetime" => FuzzValues.Numbers,
        "from" or "to" => Gen.OneOf("2026-01-01", "9999-99-99", "0001-01-01T00:00:00"),
        _ => FuzzValues.Ascii,
    };
}
