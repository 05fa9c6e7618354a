using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Sso.Tests.Fuzzing;

/// <summary>
/// Keeps what one app logs about crashes, and only that: a fuzz run makes thousands of warnings
/// (and errors about bad input, such as an antiforgery cookie that does not decrypt) that must not
/// pile up in the very process whose memory it measures. An unhandled exception is logged by the
/// exception handler or by Kestrel even when the client saw no 500 (the response had already
/// started, or the connection was cut): that is how a crash the status codes hide is found. Errors
/// of our own code count too, and anything critical.
/// </summary>
public sealed class ErrorLog(string app) : ILoggerProvider
{
    private const int Kept = 50;

    private readonly ConcurrentQueue<string> _entries = new();
    private int _count;

    public string App { get; } = app;

    /// <summary>How many errors were logged (all of them, also those not kept).</summary>
    public int Count => Volatile.Read(ref _count);

    public IReadOnlyList<string> Entries => [.. _entries];

    public ILogger CreateLogger(string categoryName) => new CategoryLogger(this, categoryName);

    public void Dispose()
    {
    }

    private void Add(string entry)
    {
        if (Interlocked.Increment(ref _count) <= Kept)
        {
            _entries.Enqueue(entry);
        }
    }

    private static bool IsCrash(string category, LogLevel level) =>
        level >= LogLevel.Critical
        || (level >= LogLevel.Error && (category.StartsWith("Sso.", StringComparison.Ordinal)
                                        || category.StartsWith("Microsoft.AspNetCore.Server.Kestrel", StringComparison.Ordinal)
                                        || category.StartsWith("Microsoft.AspNetCore.Diagnostics", StringComparison.Ordinal)
                                        || category.StartsWith("Microsoft.AspNetCore.Hosting", StringComparison.Ordinal)));

    private sealed class CategoryLogger(ErrorLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => IsCrash(category, logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var message = formatter(state, exception);
                log.Add($"[{log.App}] {logLevel} {category}: {Shorten(message, 300)} {Shorten(exception?.ToString() ?? "", 1500)}");
            }
        }

        private static string Shorten(string text, int length) => text.Length <= length ? text : text[..length] + "…";
    }
}
