namespace Sso.RelyingParty.DataProtection;

/// <summary>Where this app keeps its data-protection keys. Bound from the "DataProtection" section.</summary>
public sealed class KeyRingOptions
{
    public const string SectionName = "DataProtection";

    /// <summary>
    /// Folder for the key ring; a relative path is taken from the app's content root. Keys on disk
    /// keep cookies readable after a restart (people stay signed in); each app has its own folder.
    /// </summary>
    public string KeysPath { get; set; } = ".data/keys";
}
