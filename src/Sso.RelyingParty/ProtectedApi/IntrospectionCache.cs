using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Sso.RelyingParty.SingleSignOut;

namespace Sso.RelyingParty.ProtectedApi;

/// <summary>
/// Introspection answers kept for <see cref="IntrospectionOptions.CacheDuration"/> (never beyond
/// the token's exp), keyed by a hash of the token so the cache holds no usable token. When a
/// back-channel logout signs a subject out, every answer about that subject asked before the
/// logout is void: a signed-out person's cached "active" does not outlive the logout.
/// </summary>
internal sealed class IntrospectionCache(IMemoryCache cache, IOptions<IntrospectionOptions> options, TimeProvider time)
    : ISubjectSignOutListener
{
    private const string AnswerPrefix = "sso.introspection.answer:";
    private const string SignedOutPrefix = "sso.introspection.signed-out:";

    public bool TryGet(string tokenHash, out bool active)
    {
        var key = AnswerPrefix + tokenHash;
        if (cache.TryGetValue(key, out IntrospectionAnswer? answer) && answer is not null)
        {
            var voided = answer.Subject is not null
                         && cache.TryGetValue(SignedOutPrefix + answer.Subject, out DateTimeOffset signedOutAt)
                         && signedOutAt >= answer.AskedAt;
            if (!voided)
            {
                active = answer.Active;
                return true;
            }

            cache.Remove(key);
        }

        active = false;
        return false;
    }

    public void Set(string tokenHash, IntrospectionAnswer answer, DateTimeOffset tokenExpiresAt)
    {
        ArgumentNullException.ThrowIfNull(answer);
        var until = Min(answer.AskedAt + options.Value.CacheDuration, tokenExpiresAt);
        var lifetime = until - time.GetUtcNow();
        if (lifetime > TimeSpan.Zero)
        {
            cache.Set(AnswerPrefix + tokenHash, answer, lifetime);
        }
    }

    /// <summary>
    /// Marks the subject signed out now. The mark only needs to outlive the answers it voids, and
    /// none lives longer than the cache duration.
    /// </summary>
    public void OnSignedOut(string subject)
    {
        var duration = options.Value.CacheDuration;
        if (duration > TimeSpan.Zero)
        {
            cache.Set(SignedOutPrefix + subject, time.GetUtcNow(), duration);
        }
    }

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset b) => a < b ? a : b;
}
