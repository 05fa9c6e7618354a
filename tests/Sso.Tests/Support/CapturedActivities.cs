using System.Collections.Concurrent;
using System.Diagnostics;

namespace Sso.Tests.Support;

/// <summary>
/// Records every activity of every source in this process as it stops, with everything an exporter
/// would send (name, tags, events, status). The listener is process-wide and test classes run in
/// parallel, so ask for one system's traces with <see cref="TracesTouching"/>.
/// </summary>
public sealed class CapturedActivities : IDisposable
{
    private readonly ConcurrentQueue<Activity> _stopped = new();
    private readonly ActivityListener _listener;

    public CapturedActivities()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public IReadOnlyList<Activity> All => [.. _stopped];

    /// <summary>Every activity of the traces in which some request went to or came from one of <paramref name="ports"/>.</summary>
    public IReadOnlyList<Activity> TracesTouching(params int[] ports)
    {
        var all = All;
        var traces = all.Where(activity => ports.Any(port => Touches(activity, port))).Select(activity => activity.TraceId).ToHashSet();
        return [.. all.Where(activity => traces.Contains(activity.TraceId))];
    }

    /// <summary>The activities of one trace.</summary>
    public IReadOnlyList<Activity> InTrace(ActivityTraceId trace) => [.. All.Where(activity => activity.TraceId == trace)];

    /// <summary>A server span of the app on <paramref name="port"/> for <paramref name="path"/>.</summary>
    public static bool IsRequest(Activity activity, int port, string path)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Kind == ActivityKind.Server && Touches(activity, port)
               && string.Equals(activity.GetTagItem("url.path") as string, path, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Everything an exporter sends about the activity, as text.</summary>
    public static string Describe(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        var parts = new List<string> { activity.Source.Name, activity.OperationName, activity.DisplayName, activity.StatusDescription ?? "" };
        parts.AddRange(activity.TagObjects.Select(tag => $"{tag.Key}={tag.Value}"));
        parts.AddRange(activity.Baggage.Select(item => $"{item.Key}={item.Value}"));
        foreach (var activityEvent in activity.Events)
        {
            parts.Add(activityEvent.Name);
            parts.AddRange(activityEvent.Tags.Select(tag => $"{tag.Key}={tag.Value}"));
        }

        parts.AddRange(activity.Links.SelectMany(link => link.Tags ?? []).Select(tag => $"{tag.Key}={tag.Value}"));
        return string.Join(" | ", parts);
    }

    public void Dispose() => _listener.Dispose();

    private static bool Touches(Activity activity, int port) =>
        activity.GetTagItem("server.port")?.ToString() == port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
