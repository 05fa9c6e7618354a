namespace Sso.IdentityServer.Accounts;

public static class AccountRoutes
{
    public const string Login = "/account/login";
}
