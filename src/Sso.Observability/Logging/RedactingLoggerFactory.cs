using Microsoft.Extensions.Logging;

namespace Sso.Observability.Logging;

/// <summary>
/// Wraps the app's logger factory so every log entry, whichever library writes it and whichever
/// sink receives it (console, OTLP, a file), passes <see cref="SecretRedaction"/> first. Filtering
/// the leaky categories instead would depend on log levels, which operators turn up to Debug exactly
/// when something goes wrong.
/// </summary>
public sealed class RedactingLoggerFactory(ILoggerFactory inner) : ILoggerFactory
{
    public ILogger CreateLogger(string categoryName) => new RedactingLogger(inner.CreateLogger(categoryName));

    public void AddProvider(ILoggerProvider provider) => inner.AddProvider(provider);

    public void Dispose() => inner.Dispose();

    private sealed class RedactingLogger(ILogger inner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => inner.BeginScope(state);

        public bool IsEnabled(LogLevel logLevel) => inner.IsEnabled(logLevel);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            ArgumentNullException.ThrowIfNull(formatter);
            if (!inner.IsEnabled(logLevel))
            {
                return;
            }

            var values = state as IReadOnlyList<KeyValuePair<string, object?>> ?? [];
            var message = SecretRedaction.Redact(formatter(state, exception));
            // A value logged under a secret's name is taken out of the message wherever it appears.
            foreach (var (name, value) in values)
            {
                if (value is string { Length: >= 8 } secret && SecretRedaction.IsSecretName(name))
                {
                    message = message.Replace(secret, SecretRedaction.Redacted, StringComparison.Ordinal);
                }
            }

            inner.Log(logLevel, eventId, new RedactedState(message, [.. values.Select(Redact)]), exception, static (redacted, _) => redacted.ToString());
        }

        // Numbers, dates and the like keep their type; anything that prints as text is checked as text.
        private static KeyValuePair<string, object?> Redact(KeyValuePair<string, object?> value) => value.Value switch
        {
            null or ValueType => value,
            _ when SecretRedaction.IsSecretName(value.Key) => new(value.Key, SecretRedaction.Redacted),
            string text => new(value.Key, SecretRedaction.Redact(text)),
            var other => other.ToString() is { } text && !ReferenceEquals(SecretRedaction.Redact(text), text)
                ? new(value.Key, SecretRedaction.Redact(text))
                : value,
        };
    }

    /// <summary>The structured values (template included) and the message, both redacted.</summary>
    private sealed class RedactedState(string message, KeyValuePair<string, object?>[] values) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => values.Length;

        public KeyValuePair<string, object?> this[int index] => values[index];

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => ((IEnumerable<KeyValuePair<string, object?>>)values).GetEnumerator();

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => values.GetEnumerator();

        public override string ToString() => message;
    }
}
