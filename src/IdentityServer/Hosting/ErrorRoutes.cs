namespace Sso.IdentityServer.Hosting;

public static class ErrorRoutes
{
    public const string Error = "/error";
}
