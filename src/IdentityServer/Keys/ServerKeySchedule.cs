namespace Sso.IdentityServer.Keys;

/// <summary>
/// Decides, for one instant, which stored keys sign or encrypt and which are only kept to validate.
/// Pure logic, so the rotation rules are testable without a server.
/// </summary>
public static class ServerKeySchedule
{
    /// <summary>
    /// The keys of one use that matter at <paramref name="now"/>, the active one first: the newest key
    /// that has activated, then keys waiting to activate (published ahead of use), then retired keys
    /// whose tokens may still be alive (retired less than <paramref name="retention"/> ago).
    /// </summary>
    public static IReadOnlyList<ServerKey> Select(
        IEnumerable<ServerKey> keys, ServerKeyUse use, DateTimeOffset now, TimeSpan retention)
    {
        var ordered = keys.Where(key => key.Use == use)
            .OrderByDescending(key => key.ActivatesAt)
            .ThenBy(key => key.Id, StringComparer.Ordinal)
            .ToList();
        var active = ordered.FirstOrDefault(key => key.ActivatesAt <= now);
        if (active is null)
        {
            return ordered;
        }

        var selected = new List<ServerKey> { active };
        selected.AddRange(ordered.Where(key => key.ActivatesAt > now));
        selected.AddRange(ordered.Where(key => key.ActivatesAt < active.ActivatesAt && !IsExpired(key)));
        return selected;

        // A key retires when its successor activates; its tokens live at most `retention` longer.
        bool IsExpired(ServerKey key)
        {
            var successor = ordered.Last(candidate => candidate.ActivatesAt > key.ActivatesAt);
            return successor.ActivatesAt + retention <= now;
        }
    }

    /// <summary>Keys that no longer protect any live token and can be deleted.</summary>
    public static IReadOnlyList<ServerKey> Expired(IEnumerable<ServerKey> keys, DateTimeOffset now, TimeSpan retention)
    {
        var all = keys.ToList();
        var kept = Select(all, ServerKeyUse.Signing, now, retention)
            .Concat(Select(all, ServerKeyUse.Encryption, now, retention))
            .ToHashSet();
        return all.Where(key => !kept.Contains(key)).ToList();
    }
}
