using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Sso.ClientAppB.Billing;
using Sso.RelyingParty.ProtectedApi;

namespace Sso.ClientAppB.Payments;

/// <summary>
/// The payments API. Unlike /api/invoices, which trusts a locally valid JWT until it expires, it
/// also asks the identity server whether the token is still active (introspection): a revoked
/// token, or the token of a person just signed out, is refused at once. The price is a call to the
/// identity server per token (briefly cached) and no answer at all while it is unreachable.
/// </summary>
public static class PaymentsApi
{
    public const string Route = "/api/payments";

    public static IEndpointRouteBuilder MapPaymentsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(Route, ListPayments)
            .RequireScope(BillingScopes.Read)
            .RequireActiveToken();
        return endpoints;
    }

    private static Ok<PaymentsResponse> ListPayments(ClaimsPrincipal user, TimeProvider time)
    {
        // A client-credentials token has no person: fall back to the calling client.
        var subject = user.FindFirstValue("sub") ?? user.FindFirstValue("client_id") ?? "unknown";
        return TypedResults.Ok(new PaymentsResponse(subject, PaymentLedger.For(subject, time.GetUtcNow())));
    }
}
