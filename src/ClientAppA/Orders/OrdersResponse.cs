namespace Sso.ClientAppA.Orders;

/// <summary>GET /api/orders: the caller's orders.</summary>
public sealed record OrdersResponse(string Subject, IReadOnlyList<Order> Orders);
