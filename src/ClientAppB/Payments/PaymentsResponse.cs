namespace Sso.ClientAppB.Payments;

/// <summary>GET /api/payments: the caller's payments.</summary>
public sealed record PaymentsResponse(string Subject, IReadOnlyList<Payment> Payments);
