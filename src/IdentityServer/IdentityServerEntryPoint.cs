namespace Sso.IdentityServer;

/// <summary>Marks this assembly for WebApplicationFactory in the tests (each app's Program is global).</summary>
public sealed class IdentityServerEntryPoint;
