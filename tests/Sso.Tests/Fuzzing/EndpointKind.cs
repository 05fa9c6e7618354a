namespace Sso.Tests.Fuzzing;

/// <summary>What an endpoint expects, which decides the parameters and bodies made for it.</summary>
public enum EndpointKind
{
    /// <summary>OAuth / OpenID Connect endpoints of the identity server: query or form parameters.</summary>
    Protocol,

    /// <summary>JSON APIs of the identity server (dynamic registration, admin API).</summary>
    Json,

    /// <summary>Pages for people: GET, and form POSTs with antiforgery tokens.</summary>
    Page,

    /// <summary>The apps' bearer-token APIs.</summary>
    Api,

    /// <summary>The apps' back-channel logout endpoint (a form with logout_token).</summary>
    BackChannelLogout,

    /// <summary>Where the identity server sends the browser back to an app (code, state, iss).</summary>
    OidcCallback,

    /// <summary>Health probes.</summary>
    Health,
}
