namespace Sso.Tests.Support;

/// <summary>
/// Writes the identity server's Seed:* settings for a test system. It continues after the entries
/// already there, so a fixture's ConfigureServer can add a user of its own next to the usual ones.
/// </summary>
public sealed class SeedSettings(IDictionary<string, string?> settings)
{
    private int _users = CountOf(settings, "Seed:Users", "UserName");
    private int _scopes = CountOf(settings, "Seed:Scopes", "Name");
    private int _clients = CountOf(settings, "Seed:Clients", "ClientId");

    public void User(string userName, string password, string displayName, string email, params string[] roles)
    {
        var key = $"Seed:Users:{_users++}";
        settings[$"{key}:UserName"] = userName;
        settings[$"{key}:Password"] = password;
        settings[$"{key}:DisplayName"] = displayName;
        settings[$"{key}:Email"] = email;
        List(settings, $"{key}:Roles", roles);
    }

    public void Scope(string name, string resource)
    {
        var key = $"Seed:Scopes:{_scopes++}";
        settings[$"{key}:Name"] = name;
        settings[$"{key}:DisplayName"] = name;
        settings[$"{key}:Resources:0"] = resource;
    }

    public void WebClient(string clientId, string secret, string consentType, Uri app, string scopes, Uri backChannelLogoutUri) =>
        Client(clientId, secret, consentType, ["authorization_code", "refresh_token"],
            [new Uri(app, "signin-oidc").ToString()], [new Uri(app, "signout-callback-oidc").ToString()], scopes, backChannelLogoutUri);

    public void Client(string clientId, string? secret, string consentType, string[] grants, string[] redirectUris,
        string[] postLogoutRedirectUris, string scopes, Uri? backChannelLogoutUri = null)
    {
        var key = $"Seed:Clients:{_clients++}";
        settings[$"{key}:BackChannelLogoutUri"] = backChannelLogoutUri?.ToString();
        settings[$"{key}:ClientId"] = clientId;
        settings[$"{key}:ClientSecret"] = secret;
        settings[$"{key}:DisplayName"] = clientId;
        settings[$"{key}:ConsentType"] = consentType;
        List(settings, $"{key}:GrantTypes", grants);
        List(settings, $"{key}:RedirectUris", redirectUris);
        List(settings, $"{key}:PostLogoutRedirectUris", postLogoutRedirectUris);
        // An empty list stays empty (an API that only introspects has no scopes), not one empty scope.
        List(settings, $"{key}:Scopes", scopes.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }

    private static int CountOf(IDictionary<string, string?> settings, string section, string key)
    {
        var count = 0;
        while (settings.ContainsKey($"{section}:{count}:{key}"))
        {
            count++;
        }

        return count;
    }

    private static void List(IDictionary<string, string?> settings, string key, string[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            settings[$"{key}:{i}"] = values[i];
        }
    }
}
