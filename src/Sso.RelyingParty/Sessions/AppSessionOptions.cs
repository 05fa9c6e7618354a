namespace Sso.RelyingParty.Sessions;

/// <summary>Where this app keeps its server-side sessions. Bound from the "Sessions" section.</summary>
public sealed class AppSessionOptions
{
    public const string SectionName = "Sessions";

    /// <summary>
    /// SQLite file holding the sessions (and the back-channel logout replay cache); a relative path
    /// is taken from the app's content root. Empty means ".data/&lt;application name&gt;-sessions.db".
    /// Instances of one app that share the file share its sessions.
    /// </summary>
    public string SqlitePath { get; set; } = "";

    /// <summary>How often expired sessions and remembered logout token ids are deleted.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromMinutes(10);
}
