namespace Sso.ClientAppB.Billing;

/// <summary>
/// A small number derived from a subject, so the fake data stays the same for a person across
/// requests and restarts (string.GetHashCode is randomised per process).
/// </summary>
public static class SubjectSeed
{
    public static int Of(string subject)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return (int)(subject.Aggregate(17u, (hash, c) => unchecked((hash * 31) + c)) % 10000);
    }
}
