namespace Sso.ClientAppB.Billing;

/// <summary>A (fake) invoice, as the Billing API returns it.</summary>
public sealed record Invoice(string Number, decimal Amount, string Currency, string Status, DateTimeOffset IssuedAt);
