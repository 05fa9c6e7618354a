namespace Sso.ClientAppB.Billing;

/// <summary>Scopes the identity server grants for the Billing API ("billing-api").</summary>
public static class BillingScopes
{
    public const string Read = "billing.read";
    public const string Write = "billing.write";
}
