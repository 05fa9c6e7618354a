using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Sso.Tests.Support;

/// <summary>
/// Keeps everything apps log, down to Trace (below Debug), whatever their own log levels say (a rule for this
/// provider alone outranks the apps' category rules): the message, every structured value, the
/// scopes around it and the exception, which is what any log sink could receive.
/// </summary>
public sealed class CapturedVerboseLog : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> _entries = new();
    private IExternalScopeProvider? _scopes;

    public IReadOnlyList<string> Entries => [.. _entries];

    /// <summary>Adds this provider to a host, at Trace for every category.</summary>
    public void AddTo(ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.AddProvider(this);
        logging.AddFilter<CapturedVerboseLog>(null, LogLevel.Trace);
    }

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturedVerboseLog log, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => log._scopes?.Push(state);

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Trace;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            var parts = new List<string> { $"{logLevel} {category}[{eventId}]", formatter(state, exception) };
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                parts.AddRange(values.Select(value => $"{value.Key}={value.Value}"));
            }

            log._scopes?.ForEachScope((scope, items) =>
            {
                items.Add(scope is IEnumerable<KeyValuePair<string, object?>> scopeValues
                    ? string.Join(", ", scopeValues.Select(value => $"{value.Key}={value.Value}"))
                    : scope?.ToString() ?? "");
            }, parts);
            if (exception is not null)
            {
                parts.Add(exception.ToString());
            }

            log._entries.Enqueue(string.Join(" | ", parts));
        }
    }
}
