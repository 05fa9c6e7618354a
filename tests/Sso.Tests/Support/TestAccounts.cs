namespace Sso.Tests.Support;

/// <summary>The people and clients every test system is seeded with.</summary>
public static class TestAccounts
{
    public const string AliceUserName = "alice";
    public const string AlicePassword = "alice-test-passphrase";
    public const string AliceDisplayName = "Alice Liddell";
    public const string BobUserName = "bob";
    public const string BobPassword = "bob-test-passphrase";

    /// <summary>ClientAppA: first-party, confidential, code flow.</summary>
    public const string ClientA = "client-a";
    public const string ClientASecret = "test-secret-client-a";

    /// <summary>ClientAppB: first-party, confidential, code flow.</summary>
    public const string ClientB = "client-b";
    public const string ClientBSecret = "test-secret-client-b";

    /// <summary>A third-party web app: people must consent before it gets tokens.</summary>
    public const string Partner = "partner-app";
    public const string PartnerSecret = "test-secret-partner";
    public const string PartnerRedirectUri = "https://partner.example.com/callback";

    /// <summary>A service that calls APIs on its own behalf (client credentials only).</summary>
    public const string Reporting = "reporting-service";
    public const string ReportingSecret = "test-secret-reporting";

    /// <summary>The Billing API (ClientAppB's resource server): a confidential client with no grant, for introspection only.</summary>
    public const string BillingApi = "billing-api";
    public const string BillingApiSecret = "test-secret-billing-api";

    public const string AppAScopes = "openid profile email offline_access billing.read";
    public const string AppBScopes = "openid profile email offline_access orders.read";
}
