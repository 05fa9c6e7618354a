using Sso.ClientAppB.Billing;

namespace Sso.ClientAppB.Payments;

/// <summary>The person's payments, for the API and the page alike. Fake, derived from the subject.</summary>
public static class PaymentLedger
{
    public static IReadOnlyList<Payment> For(string subject, DateTimeOffset now)
    {
        var seed = SubjectSeed.Of(subject);
        // Only the last digits of the account, as any statement shows it.
        var account = $"DE•• •••• •••• •••• ••{seed % 100:D2} {(seed * 7) % 100:D2}";
        return
        [
            new($"PAY-{seed:D4}-A", $"INV-{seed:D4}-001", 23.96m, "EUR", account, now.AddDays(-9)),
            new($"PAY-{seed:D4}-B", $"INV-{seed:D4}-000", 48.00m, "EUR", account, now.AddDays(-40)),
        ];
    }
}
