using System.Net;
using Xunit;

namespace Sso.Tests.Support;

/// <summary>Signing in through the real form, for tests whose subject is what comes after.</summary>
public static class SignedInClients
{
    /// <summary>Signs in on this client's cookie jar; the form must accept the password.</summary>
    public static async Task SignInOrFailAsync(this OAuthTestClient client, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.SignInAsync(userName, password);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
    }

    /// <summary>A new "browser" signed in as the person.</summary>
    public static async Task<OAuthTestClient> SignedInClientAsync(this SsoSystem system, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(system);
        var client = system.CreateClient();
        await client.SignInOrFailAsync(userName, password);
        return client;
    }

    /// <summary>Whether the sign-in form accepts these credentials now (tried in a fresh browser).</summary>
    public static async Task<bool> CanSignInAsync(this SsoSystem system, string userName, string password)
    {
        ArgumentNullException.ThrowIfNull(system);
        using var client = system.CreateClient();
        using var response = await client.SignInAsync(userName, password);
        return response.StatusCode == HttpStatusCode.Redirect;
    }
}
