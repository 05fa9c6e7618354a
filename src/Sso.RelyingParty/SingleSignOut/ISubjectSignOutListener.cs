namespace Sso.RelyingParty.SingleSignOut;

/// <summary>
/// Told when a valid logout token signed a subject out, so state kept about that person outside the
/// session (such as cached introspection answers) ends with it.
/// </summary>
public interface ISubjectSignOutListener
{
    void OnSignedOut(string subject);
}
