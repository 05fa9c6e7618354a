namespace Sso.ClientAppA;

/// <summary>
/// Marker for <c>WebApplicationFactory&lt;ClientAppAEntryPoint&gt;</c>: both apps have a global
/// top-level <c>Program</c>, so tests name each app by a type of its own.
/// </summary>
public sealed class ClientAppAEntryPoint;
