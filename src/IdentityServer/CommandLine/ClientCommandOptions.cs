using System.CommandLine;
using System.Globalization;
using Sso.IdentityServer.Clients;

namespace Sso.IdentityServer.CommandLine;

/// <summary>
/// The options of <c>clients add</c> and <c>clients update</c>, and how they change a client. On
/// update only the options given change anything; an empty value ("") clears a URI or a lifetime.
/// </summary>
public sealed class ClientCommandOptions
{
    private static readonly char[] ListSeparators = [' ', ','];

    public Option<string?> Name { get; } = new("--name") { Description = "Display name shown on the consent page and in the admin pages." };

    public Option<string?> Type { get; } = new("--type")
    {
        Description = "confidential (a server-side app or service; gets a generated secret, shown once) or public (native app, SPA; no secret).",
    };

    public Option<string[]> GrantTypes { get; } = new("--grant-type")
    {
        Description = "authorization_code, refresh_token, client_credentials (repeat, or separate with commas).",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string[]> RedirectUris { get; } = new("--redirect-uri")
    {
        Description = "Where codes are sent (repeat for several): absolute https, http only on loopback, no fragment, no wildcard.",
    };

    public Option<string[]> PostLogoutRedirectUris { get; } = new("--post-logout-redirect-uri")
    {
        Description = "Where people return after signing out (repeat for several); same rules as redirect URIs.",
    };

    public Option<string?> BackChannelLogoutUri { get; } = new("--backchannel-logout-uri")
    {
        Description = "Where logout tokens are POSTed when a session ends: https (http only on loopback). \"\" clears it.",
    };

    public Option<string[]> Scopes { get; } = new("--scope")
    {
        Description = "Scopes the client may ask for: openid, profile, email, roles, offline_access or a registered API scope " +
                      "(its resources become the token audience). Repeat, or separate with commas.",
        AllowMultipleArgumentsPerToken = true,
    };

    public Option<string?> Consent { get; } = new("--consent")
    {
        Description = "implicit (first-party: no consent page) or explicit (people are asked once). Default: explicit.",
    };

    public Option<string?> AccessTokenLifetime { get; } = Lifetime("--access-token-lifetime", "AccessToken");

    public Option<string?> IdentityTokenLifetime { get; } = Lifetime("--identity-token-lifetime", "IdentityToken");

    public Option<string?> AuthorizationCodeLifetime { get; } = Lifetime("--authorization-code-lifetime", "AuthorizationCode");

    public Option<string?> RefreshTokenLifetime { get; } = Lifetime("--refresh-token-lifetime", "RefreshTokenSliding");

    public void AddTo(Command command)
    {
        foreach (var option in new Option[]
                 {
                     Name, Type, GrantTypes, RedirectUris, PostLogoutRedirectUris, BackChannelLogoutUri, Scopes, Consent,
                     AccessTokenLifetime, IdentityTokenLifetime, AuthorizationCodeLifetime, RefreshTokenLifetime,
                 })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>The client as <paramref name="current"/> with the given options applied.</summary>
    public ClientDefinition Apply(ParseResult parse, ClientDefinition current)
    {
        ArgumentNullException.ThrowIfNull(parse);
        ArgumentNullException.ThrowIfNull(current);
        var client = current;
        if (Given(parse, Name))
        {
            client = client with { DisplayName = Blank(parse.GetValue(Name)) };
        }

        if (Given(parse, Type))
        {
            client = client with
            {
                Type = parse.GetValue(Type) switch
                {
                    "confidential" => ClientType.Confidential,
                    "public" => ClientType.Public,
                    var other => throw new CommandInputException(Type.Name, $"client type must be 'confidential' or 'public', not '{other}'"),
                },
            };
        }

        if (Given(parse, GrantTypes))
        {
            client = client with { GrantTypes = Split(parse.GetValue(GrantTypes)) };
        }

        if (Given(parse, RedirectUris))
        {
            client = client with { RedirectUris = [.. parse.GetValue(RedirectUris) ?? []] };
        }

        if (Given(parse, PostLogoutRedirectUris))
        {
            client = client with { PostLogoutRedirectUris = [.. parse.GetValue(PostLogoutRedirectUris) ?? []] };
        }

        if (Given(parse, BackChannelLogoutUri))
        {
            client = client with { BackChannelLogoutUri = Blank(parse.GetValue(BackChannelLogoutUri)) };
        }

        if (Given(parse, Scopes))
        {
            client = client with { Scopes = Split(parse.GetValue(Scopes)) };
        }

        if (Given(parse, Consent))
        {
            client = client with { ConsentType = parse.GetValue(Consent) ?? "" };
        }

        var lifetimes = client.TokenLifetimes;
        lifetimes = lifetimes with { AccessToken = ReadLifetime(parse, AccessTokenLifetime, lifetimes.AccessToken) };
        lifetimes = lifetimes with { IdentityToken = ReadLifetime(parse, IdentityTokenLifetime, lifetimes.IdentityToken) };
        lifetimes = lifetimes with { AuthorizationCode = ReadLifetime(parse, AuthorizationCodeLifetime, lifetimes.AuthorizationCode) };
        lifetimes = lifetimes with { RefreshToken = ReadLifetime(parse, RefreshTokenLifetime, lifetimes.RefreshToken) };
        return client with { TokenLifetimes = lifetimes };
    }

    /// <summary>The option that sets a field, for error messages.</summary>
    public static string OptionOf(ClientField field) => field switch
    {
        ClientField.ClientId => "client id",
        ClientField.DisplayName => "--name",
        ClientField.ClientType => "--type",
        ClientField.ConsentType => "--consent",
        ClientField.GrantTypes => "--grant-type",
        ClientField.RedirectUris => "--redirect-uri",
        ClientField.PostLogoutRedirectUris => "--post-logout-redirect-uri",
        ClientField.BackChannelLogoutUri => "--backchannel-logout-uri",
        ClientField.Scopes => "--scope",
        ClientField.AccessTokenLifetime => "--access-token-lifetime",
        ClientField.IdentityTokenLifetime => "--identity-token-lifetime",
        ClientField.AuthorizationCodeLifetime => "--authorization-code-lifetime",
        ClientField.RefreshTokenLifetime => "--refresh-token-lifetime",
        ClientField.ClientSecret => "secret",
        _ => field.ToString(),
    };

    private static Option<string?> Lifetime(string name, string serverKey) => new(name)
    {
        Description = $"hh:mm:ss, at most the server's TokenLifetimes:{serverKey}; \"\" goes back to it.",
    };

    private static bool Given(ParseResult parse, Option option) => parse.GetResult(option) is not null;

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string[] Split(string[]? values) =>
        [.. (values ?? []).SelectMany(value => value.Split(ListSeparators, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))];

    private static TimeSpan? ReadLifetime(ParseResult parse, Option<string?> option, TimeSpan? current)
    {
        if (!Given(parse, option))
        {
            return current;
        }

        var value = parse.GetValue(option);
        if (string.IsNullOrWhiteSpace(value))
        {
            return null;
        }

        return TimeSpan.TryParse(value, CultureInfo.InvariantCulture, out var lifetime)
            ? lifetime
            : throw new CommandInputException(option.Name, $"'{value}' is not a time span (hh:mm:ss)");
    }
}
