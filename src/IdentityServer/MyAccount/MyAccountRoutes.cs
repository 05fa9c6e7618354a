namespace Sso.IdentityServer.MyAccount;

/// <summary>The pages where people look after their own account.</summary>
public static class MyAccountRoutes
{
    public const string Overview = "/account";
    public const string Password = "/account/password";
}
