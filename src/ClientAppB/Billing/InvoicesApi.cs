using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Sso.RelyingParty.ProtectedApi;

namespace Sso.ClientAppB.Billing;

/// <summary>
/// The Billing API: bearer access tokens for "billing-api" only (never the session cookie), with
/// the scope each operation needs. Data is fake and derived from the caller's subject.
/// </summary>
public static class InvoicesApi
{
    public const string Route = "/api/invoices";

    public static IEndpointRouteBuilder MapInvoicesApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet(Route, ListInvoices).RequireScope(BillingScopes.Read);
        endpoints.MapPost(Route, CreateInvoice).RequireScope(BillingScopes.Write);
        return endpoints;
    }

    private static Ok<InvoicesResponse> ListInvoices(ClaimsPrincipal user, TimeProvider time)
    {
        var subject = SubjectOf(user);
        var now = time.GetUtcNow();
        var seed = SubjectSeed.Of(subject);
        Invoice[] invoices =
        [
            new($"INV-{seed:D4}-001", 23.96m, "EUR", "paid", now.AddDays(-11)),
            new($"INV-{seed:D4}-002", 31.50m, "EUR", "open", now.AddDays(-2)),
        ];
        return TypedResults.Ok(new InvoicesResponse(subject, invoices));
    }

    private static Created<Invoice> CreateInvoice(ClaimsPrincipal user, TimeProvider time)
    {
        var number = $"INV-{SubjectSeed.Of(SubjectOf(user)):D4}-{time.GetUtcNow().ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture)}";
        var invoice = new Invoice(number, 12.90m, "EUR", "open", time.GetUtcNow());
        return TypedResults.Created($"{Route}/{number}", invoice);
    }

    // A client-credentials token has no person: fall back to the calling client.
    private static string SubjectOf(ClaimsPrincipal user) =>
        user.FindFirstValue("sub") ?? user.FindFirstValue("client_id") ?? "unknown";
}
