namespace Sso.ClientAppB;

/// <summary>
/// Marker for <c>WebApplicationFactory&lt;ClientAppBEntryPoint&gt;</c>: both apps have a global
/// top-level <c>Program</c>, so tests name each app by a type of its own.
/// </summary>
public sealed class ClientAppBEntryPoint;
