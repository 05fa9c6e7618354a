namespace Sso.ClientAppA.Orders;

/// <summary>Scopes the identity server grants for the Orders API ("orders-api").</summary>
public static class OrderScopes
{
    public const string Read = "orders.read";
    public const string Write = "orders.write";
}
