using System.ComponentModel.DataAnnotations;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Sso.IdentityServer.Audit;

namespace Sso.IdentityServer.Admin;

/// <summary>
/// What the audit page filters on, bound from its query string, turned into one SQL query: the
/// trail grows without bound, so nothing is filtered or paged in memory.
/// </summary>
public sealed class AuditFilter
{
    public AuditEventType? Type { get; set; }

    /// <summary>Part of a user name or a user id (events of ended sessions carry only the id).</summary>
    [StringLength(256)]
    public string? User { get; set; }

    /// <summary>First day shown (UTC), inclusive.</summary>
    public DateOnly? From { get; set; }

    /// <summary>Last day shown (UTC), inclusive.</summary>
    public DateOnly? To { get; set; }

    /// <summary>Only events older than this one: the bookmark of the "older" link.</summary>
    [Range(1, long.MaxValue)]
    public long? Before { get; set; }

    [SuppressMessage("Performance", "CA1862", Justification = "EF Core turns ToUpper().Contains() into SQL; a StringComparison overload would not translate.")]
    public IQueryable<AuditEvent> Apply(IQueryable<AuditEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (Type is { } type)
        {
            events = events.Where(e => e.Type == type);
        }

        if (User?.Trim() is { Length: > 0 } user)
        {
            var needle = user.ToUpperInvariant();
            events = events.Where(e => (e.UserName != null && e.UserName.ToUpper().Contains(needle))
                                       || (e.UserId != null && e.UserId.ToUpper().Contains(needle)));
        }

        if (From is { } from)
        {
            var start = StartOf(from);
            events = events.Where(e => e.OccurredAt >= start);
        }

        if (To is { } to)
        {
            var end = StartOf(to.AddDays(1));
            events = events.Where(e => e.OccurredAt < end);
        }

        if (Before is { } before)
        {
            events = events.Where(e => e.Id < before);
        }

        // Ids grow with every insert, so they order by time too, and paging by "older than this
        // id" stays right while new events arrive (an offset would shift under the reader).
        return events.OrderByDescending(e => e.Id);
    }

    /// <summary>The query string of this filter with another bookmark, for the "older" link.</summary>
    public Dictionary<string, string?> WithBefore(long before) => new()
    {
        ["type"] = Type?.ToString(),
        ["user"] = User,
        ["from"] = From?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["to"] = To?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        ["before"] = before.ToString(CultureInfo.InvariantCulture),
    };

    private static DateTimeOffset StartOf(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
}
