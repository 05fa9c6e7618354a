using System.Diagnostics;

namespace Sso.Observability;

/// <summary>
/// Keeps one sign-in in one trace although it hops between sites through the browser: a redirect
/// carries no trace headers, so the app puts its trace context into the authorization request as a
/// <c>traceparent</c> parameter (W3C Trace Context syntax; the server ignores it as an unknown
/// parameter if it has no use for it) and into its own sign-in state; the identity server and the
/// app's callback each continue that trace with an activity of this source.
/// </summary>
public static class SignInTrace
{
    public const string SourceName = "Sso.SignIn";

    /// <summary>The parameter (and state item) that carries the trace context across redirects.</summary>
    public const string Parameter = "traceparent";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>The current trace context in traceparent form, if a trace is being recorded.</summary>
    public static string? Current() => Activity.Current is { IdFormat: ActivityIdFormat.W3C } activity ? activity.Id : null;

    /// <summary>
    /// Starts an activity that continues the trace named by <paramref name="traceparent"/>; null when
    /// it is missing or malformed (input from the browser: parsed, never trusted further), or when
    /// nobody listens.
    /// </summary>
    public static Activity? Continue(string name, string? traceparent) =>
        ActivityContext.TryParse(traceparent, traceState: null, isRemote: true, out var parent)
            ? Source.StartActivity(name, ActivityKind.Server, parent)
            : null;
}
