using System.Globalization;

namespace Sso.Tests.Fuzzing;

/// <summary>
/// How long the fuzz run lasts and what it replays, from the environment: SSO_FUZZ_SECONDS (the
/// whole run, default 50 so CI pays under a minute; set 600 or more by hand) and SSO_FUZZ_SEED
/// (one failing case's seed, as printed by a failed run, to send only that case again).
/// </summary>
public static class FuzzBudget
{
    public const string SecondsVariable = "SSO_FUZZ_SECONDS";
    public const string SeedVariable = "SSO_FUZZ_SEED";

    private const int DefaultSeconds = 50;

    public static TimeSpan Duration =>
        int.TryParse(Environment.GetEnvironmentVariable(SecondsVariable), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds > 0
            ? TimeSpan.FromSeconds(seconds)
            : TimeSpan.FromSeconds(DefaultSeconds);

    /// <summary>SSO_FUZZ_REPORT: a file to write the run's summary to, passed or not (counts per endpoint and status, memory).</summary>
    public static string? ReportPath => Environment.GetEnvironmentVariable("SSO_FUZZ_REPORT") is { Length: > 0 } path ? path : null;

    public static string? ReplaySeed => Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } seed ? seed.Trim() : null;
}
