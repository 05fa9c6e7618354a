namespace Sso.IdentityServer.Clients.DynamicRegistration;

/// <summary>Paths of the registration endpoint (RFC 7591) and of each client's configuration endpoint (RFC 7592).</summary>
public static class RegistrationRoutes
{
    public const string Register = "connect/register";

    public const string Client = Register + "/{clientId}";

    public static Uri ClientUri(Uri issuer, string clientId) => new(issuer, Register + "/" + Uri.EscapeDataString(clientId));
}
