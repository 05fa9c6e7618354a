namespace Sso.ClientAppB.Payments;

/// <summary>A (fake) payment: sensitive enough that showing it needs a recent sign-in, and its API an active token.</summary>
public sealed record Payment(string Reference, string Invoice, decimal Amount, string Currency, string Account, DateTimeOffset PaidAt);
