using Sso.IdentityServer.Accounts;
using Sso.IdentityServer.Clients.AdminApi;
using Sso.IdentityServer.Clients.DynamicRegistration;
using Sso.IdentityServer.Protocol;

namespace Sso.IdentityServer.Throttling;

public static class ThrottledEndpoints
{
    /// <summary>
    /// By path rather than by endpoint metadata: every request to a feature must count, including
    /// ones that match no endpoint (probes of unknown admin API routes) or use a method it does not take.
    /// </summary>
    public static ThrottledEndpoint Classify(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var path = request.Path;
        if (HttpMethods.IsPost(request.Method) && path.Equals(AccountRoutes.Login, StringComparison.OrdinalIgnoreCase))
        {
            return ThrottledEndpoint.SignIn;
        }

        if (path.StartsWithSegments("/" + ProtocolRoutes.Token))
        {
            return ThrottledEndpoint.Token;
        }

        if (path.StartsWithSegments("/" + RegistrationRoutes.Register))
        {
            return ThrottledEndpoint.Registration;
        }

        if (path.StartsWithSegments(AdminApiEndpoints.Prefix))
        {
            return ThrottledEndpoint.AdminApi;
        }

        return path.StartsWithSegments("/admin") ? ThrottledEndpoint.AdminPages : ThrottledEndpoint.None;
    }
}
