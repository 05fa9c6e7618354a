namespace Sso.IdentityServer.Clients;

/// <summary>
/// What a registration path may ask for on top of the rules every client follows. Operators (the
/// command line, the admin API and pages, configuration) may ask for anything valid; apps that
/// register themselves (RFC 7591) get the narrower policy of <c>Registration:*</c>.
/// </summary>
public sealed record ClientPolicy
{
    /// <summary>Everything <see cref="ClientValidator"/> accepts.</summary>
    public static ClientPolicy Operator { get; } = new();

    public bool AllowClientCredentials { get; init; } = true;

    /// <summary>Whether http://localhost-style redirect URIs are allowed (RFC 8252 §7.3); https always is.</summary>
    public bool AllowLoopbackHttp { get; init; } = true;

    /// <summary>Scopes the client may be given; null means any registered scope.</summary>
    public IReadOnlySet<string>? AllowedScopes { get; init; }

    /// <summary>Whether the client may skip the consent page (consent type "implicit").</summary>
    public bool AllowImplicitConsent { get; init; } = true;

    public bool AllowTokenLifetimes { get; init; } = true;

    /// <summary>Whether the client may be given the admin API's scope.</summary>
    public bool AllowAdminScope { get; init; } = true;
}
