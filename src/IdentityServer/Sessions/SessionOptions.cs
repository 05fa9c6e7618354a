using System.ComponentModel.DataAnnotations;

namespace Sso.IdentityServer.Sessions;

/// <summary>How long single sign-on sessions last and how often expired ones are swept.</summary>
public sealed class SessionOptions
{
    public const string Section = "Sessions";

    /// <summary>A session unused for this long ends (use: any page of this server, or an app refreshing its tokens).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromHours(8);

    /// <summary>A session ends this long after sign-in however active it is; the person signs in again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "90.00:00:00")]
    public TimeSpan AbsoluteTimeout { get; set; } = TimeSpan.FromDays(7);

    /// <summary>
    /// "Last seen" is written at most this often per session, so a busy session does not cost a
    /// database write per request; the idle timeout is accurate to this much.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan ActivityResolution { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often expired sessions are ended (and their apps told) even if nobody comes back to them.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromMinutes(1);
}
