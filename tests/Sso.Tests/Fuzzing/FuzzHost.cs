namespace Sso.Tests.Fuzzing;

/// <summary>The three apps a fuzz case can be sent to.</summary>
public enum FuzzHost
{
    Server,
    Orders,
    Billing,
}
