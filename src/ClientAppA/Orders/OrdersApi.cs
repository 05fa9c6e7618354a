using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Sso.RelyingParty.ProtectedApi;

namespace Sso.ClientAppA.Orders;

/// <summary>
/// The Orders API: bearer access tokens for "orders-api" only (never the session cookie), with
/// the scope each operation needs. Data is fake and derived from the caller's subject.
/// </summary>
public static class OrdersApi
{
    public const string Route = "/api/orders";

    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(Route, ListOrders).RequireScope(OrderScopes.Read);
        endpoints.MapPost(Route, CreateOrder).RequireScope(OrderScopes.Write);
        return endpoints;
    }

    private static Ok<OrdersResponse> ListOrders(ClaimsPrincipal user, TimeProvider time)
    {
        var subject = SubjectOf(user);
        var now = time.GetUtcNow();
        var seed = StableSeed(subject);
        Order[] orders =
        [
            new($"ORD-{seed:D4}-1", "Paper (A4, 500 sheets)", 4, 23.96m, now.AddDays(-12)),
            new($"ORD-{seed:D4}-2", "Blue ink cartridge", 2, 31.50m, now.AddDays(-3)),
        ];
        return TypedResults.Ok(new OrdersResponse(subject, orders));
    }

    private static Created<Order> CreateOrder(ClaimsPrincipal user, TimeProvider time)
    {
        var id = $"ORD-{StableSeed(SubjectOf(user)):D4}-{time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
        var order = new Order(id, "Stapler", 1, 12.90m, time.GetUtcNow());
        return TypedResults.Created($"{Route}/{id}", order);
    }

    // A client-credentials token has no person: fall back to the calling client.
    private static string SubjectOf(ClaimsPrincipal user) =>
        user.FindFirstValue("sub") ?? user.FindFirstValue("client_id") ?? "unknown";

    // string.GetHashCode is randomised per process; the fake ids should stay put across restarts.
    private static int StableSeed(string subject) =>
        (int)(subject.Aggregate(17u, (hash, c) => unchecked((hash * 31) + c)) % 10000);
}
