namespace Sso.IdentityServer.Clients.AdminPages;

/// <summary>Where the client admin pages live (the Razor <c>@page</c> directives repeat these).</summary>
public static class ClientPageRoutes
{
    public const string List = "/admin/clients";

    public static string Detail(string clientId) => $"{List}/{Uri.EscapeDataString(clientId)}";

    public static string Edit(string? clientId) => clientId is null ? $"{List}/edit" : $"{List}/edit/{Uri.EscapeDataString(clientId)}";

    public static string Delete(string clientId) => $"{Detail(clientId)}/delete";
}
