using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Sso.Tests.Support;

/// <summary>
/// Keeps what an app logs, exceptions included. A failed start is logged ("Hosting failed to
/// start") before WebApplicationFactory sometimes loses the exception itself to a race while the
/// half-started host is disposed (an ObjectDisposedException arrives instead).
/// </summary>
public sealed class CapturedLog : ILoggerProvider, ILogger
{
    private readonly ConcurrentQueue<(LogLevel Level, string Text)> _entries = new();

    public string Text => string.Join(Environment.NewLine, _entries.Select(entry => entry.Text));

    /// <summary>What was logged at Error or above: what operators alert on.</summary>
    public IReadOnlyList<string> Errors => [.. _entries.Where(entry => entry.Level >= LogLevel.Error).Select(entry => entry.Text)];

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        ArgumentNullException.ThrowIfNull(formatter);
        if (IsEnabled(logLevel))
        {
            _entries.Enqueue((logLevel, $"{logLevel}: {formatter(state, exception)} {exception}"));
        }
    }

    public void Dispose()
    {
    }
}
