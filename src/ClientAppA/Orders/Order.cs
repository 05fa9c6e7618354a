namespace Sso.ClientAppA.Orders;

/// <summary>A (fake) order, as the Orders API returns it.</summary>
public sealed record Order(string Id, string Item, int Quantity, decimal Total, DateTimeOffset PlacedAt);
