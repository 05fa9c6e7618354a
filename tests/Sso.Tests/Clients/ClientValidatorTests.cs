using Sso.IdentityServer.Clients;
using Sso.IdentityServer.Protocol;
using Xunit;

namespace Sso.Tests.Clients;

/// <summary>The one set of rules every registration path applies (SECURITY.md, "Client registration input").</summary>
public sealed class ClientValidatorTests
{
    private static readonly HashSet<string> Known = ["openid", "profile", "email", "roles", "offline_access", "orders.read", AdminScope.Name];

    private static readonly ClientDefinition WebClient = new()
    {
        ClientId = "inventory",
        DisplayName = "Inventory",
        Type = ClientType.Confidential,
        ConsentType = "explicit",
        GrantTypes = ["authorization_code", "refresh_token"],
        RedirectUris = ["https://inventory.example.com/signin-oidc"],
        PostLogoutRedirectUris = ["https://inventory.example.com/signed-out"],
        BackChannelLogoutUri = "https://inventory.example.com/signout-backchannel",
        Scopes = ["openid", "profile", "offline_access", "orders.read"],
    };

    private static readonly ClientDefinition Service = new()
    {
        ClientId = "reporting",
        GrantTypes = ["client_credentials"],
        Scopes = ["orders.read"],
    };

    private static readonly ClientPolicy SelfRegistered = new()
    {
        AllowClientCredentials = false,
        AllowLoopbackHttp = false,
        AllowedScopes = new HashSet<string> { "openid", "profile", "email", "offline_access" },
        AllowImplicitConsent = false,
        AllowTokenLifetimes = false,
        AllowAdminScope = false,
    };

    [Fact]
    public void AWebClientAndAService_AreAccepted()
    {
        Assert.Empty(Validate(WebClient));
        Assert.Empty(Validate(Service));
        Assert.Empty(Validate(WebClient with { RedirectUris = ["http://localhost:5001/signin-oidc", "http://127.0.0.1:7000/cb", "http://[::1]:7000/cb"] }));
    }

    [Theory]
    [InlineData("http://inventory.example.com/signin-oidc", "https")]
    [InlineData("https://inventory.example.com/signin-oidc#top", "fragment")]
    [InlineData("https://inventory.example.com/signin-oidc#", "fragment")]
    [InlineData("https://*.example.com/signin-oidc", "wildcard")]
    [InlineData("https://inventory.example.com/*", "wildcard")]
    [InlineData("javascript:alert(1)", "javascript")]
    [InlineData("data:text/html,<script>alert(1)</script>", "data")]
    [InlineData("file:///etc/passwd", "file")]
    [InlineData("/signin-oidc", "absolute")]
    [InlineData("signin-oidc", "absolute")]
    [InlineData("ftp://inventory.example.com/cb", "https")]
    [InlineData("com.example.app:/callback", "https")]
    [InlineData("https://user:pass@inventory.example.com/cb", "user name")]
    [InlineData("https://inventory.example.com/cb?iss=https://evil.example.com", "iss")]
    [InlineData("", "empty")]
    public void UnsafeRedirectUris_AreRefused_NamingTheField(string uri, string reason)
    {
        var redirect = Assert.Single(Validate(WebClient with { RedirectUris = [uri] }));
        Assert.Equal(ClientField.RedirectUris, redirect.Field);
        Assert.True(redirect.IsAboutRedirectUris);
        Assert.Contains(reason, redirect.Message, StringComparison.OrdinalIgnoreCase);

        var postLogout = Assert.Single(Validate(WebClient with { PostLogoutRedirectUris = [uri] }));
        Assert.Equal(ClientField.PostLogoutRedirectUris, postLogout.Field);
    }

    [Theory]
    [InlineData("http://inventory.example.com/logout")]
    [InlineData("https://inventory.example.com/logout#x")]
    [InlineData("javascript:alert(1)")]
    [InlineData("not a uri")]
    public void UnsafeBackChannelLogoutUris_AreRefused(string uri)
    {
        var error = Assert.Single(Validate(WebClient with { BackChannelLogoutUri = uri }));
        Assert.Equal(ClientField.BackChannelLogoutUri, error.Field);
        Assert.False(error.IsAboutRedirectUris);
    }

    [Fact]
    public void LoopbackHttp_IsRefusedWherePolicyForbidsIt_ForRedirectAndBackChannelUris()
    {
        var client = WebClient with
        {
            RedirectUris = ["http://localhost:7000/cb"], PostLogoutRedirectUris = [], BackChannelLogoutUri = "http://localhost:7000/logout",
        };

        Assert.Empty(Validate(client));
        var errors = Validate(client, SelfRegistered);
        Assert.Contains(errors, error => error.Field == ClientField.RedirectUris);
        Assert.Contains(errors, error => error.Field == ClientField.BackChannelLogoutUri);
    }

    [Theory]
    [InlineData("password")]
    [InlineData("implicit")]
    [InlineData("urn:ietf:params:oauth:grant-type:device_code")]
    [InlineData("")]
    public void UnknownGrantTypes_AreRefused(string grant)
    {
        var error = Assert.Single(Validate(Service with { GrantTypes = ["client_credentials", grant] }));
        Assert.Equal(ClientField.GrantTypes, error.Field);
    }

    [Fact]
    public void APublicClient_CannotUseClientCredentials()
    {
        var error = Assert.Single(Validate(Service with { Type = ClientType.Public }));
        Assert.Equal(ClientField.GrantTypes, error.Field);
        Assert.Contains("public", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APublicClient_MayUseTheCodeFlow()
    {
        Assert.Empty(Validate(WebClient with { Type = ClientType.Public, BackChannelLogoutUri = null }));
    }

    [Fact]
    public void EachClientGetsOnlyWhatItNeeds()
    {
        Assert.Contains(Validate(WebClient with { RedirectUris = [] }), error => error.Field == ClientField.RedirectUris);
        Assert.Contains(Validate(Service with { GrantTypes = ["refresh_token", "client_credentials"] }), error => error.Field == ClientField.GrantTypes);
        Assert.Contains(Validate(Service with { RedirectUris = ["https://a.example.com/cb"] }), error => error.Field == ClientField.RedirectUris);
        Assert.Contains(Validate(Service with { Scopes = ["openid"] }), error => error.Field == ClientField.Scopes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("has space")]
    [InlineData("slash/id")]
    [InlineData("0f8fad5b-d9cb-469f-a165-70867728950e")]
    public void BadClientIds_AreRefused_AndUserIdShapedOnesAreReserved(string clientId)
    {
        var error = Assert.Single(Validate(Service with { ClientId = clientId }));
        Assert.Equal(ClientField.ClientId, error.Field);
    }

    [Fact]
    public void UnknownScopes_AreRefused()
    {
        var error = Assert.Single(Validate(Service with { Scopes = ["orders.delete"] }));
        Assert.Equal(ClientField.Scopes, error.Field);
    }

    [Fact]
    public void TheAdminScope_IsOnlyForConfidentialServices()
    {
        Assert.Empty(Validate(Service with { Scopes = [AdminScope.Name] }));
        Assert.Single(Validate(WebClient with { Scopes = ["openid", AdminScope.Name] }));
        Assert.Single(Validate(Service with { Scopes = [AdminScope.Name] }, SelfRegistered with { AllowClientCredentials = true, AllowedScopes = null }));
    }

    [Fact]
    public void PerClientLifetimes_MayShortenTheServersButNeverLengthenThem()
    {
        var server = new TokenLifetimeOptions();
        Assert.Empty(Validate(Service with { TokenLifetimes = new() { AccessToken = TimeSpan.FromMinutes(1) } }));
        Assert.Equal(ClientField.AccessTokenLifetime,
            Assert.Single(Validate(Service with { TokenLifetimes = new() { AccessToken = server.AccessToken + TimeSpan.FromSeconds(1) } })).Field);
        Assert.Equal(ClientField.RefreshTokenLifetime,
            Assert.Single(Validate(WebClient with { TokenLifetimes = new() { RefreshToken = TimeSpan.Zero } })).Field);
    }

    [Fact]
    public void ConsentType_IsExplicitOrImplicit()
    {
        Assert.Equal(ClientField.ConsentType, Assert.Single(Validate(WebClient with { ConsentType = "external" })).Field);
        Assert.Empty(Validate(WebClient with { ConsentType = "implicit" }));
    }

    [Fact]
    public void SelfRegisteredClients_GetTheNarrowPolicy()
    {
        var selfRegistered = WebClient with { Scopes = ["openid", "profile"] };
        Assert.Empty(Validate(selfRegistered, SelfRegistered));
        Assert.Equal(ClientField.GrantTypes, Assert.Single(Validate(Service with { Scopes = [] }, SelfRegistered)).Field);
        Assert.Equal(ClientField.Scopes, Assert.Single(Validate(selfRegistered with { Scopes = ["orders.read"] }, SelfRegistered)).Field);
        Assert.Equal(ClientField.ConsentType, Assert.Single(Validate(selfRegistered with { ConsentType = "implicit" }, SelfRegistered)).Field);
        Assert.Equal(ClientField.AccessTokenLifetime,
            Assert.Single(Validate(selfRegistered with { TokenLifetimes = new() { AccessToken = TimeSpan.FromMinutes(1) } }, SelfRegistered)).Field);
    }

    private static IReadOnlyList<ClientValidationError> Validate(ClientDefinition client, ClientPolicy? policy = null) =>
        ClientValidator.Validate(client, new ClientValidationContext(Known, new TokenLifetimeOptions(), policy ?? ClientPolicy.Operator));
}
