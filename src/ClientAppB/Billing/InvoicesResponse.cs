namespace Sso.ClientAppB.Billing;

/// <summary>GET /api/invoices: the caller's invoices.</summary>
public sealed record InvoicesResponse(string Subject, IReadOnlyList<Invoice> Invoices);
