namespace Sso.IdentityServer.Cluster;

/// <summary>
/// Names the instance that served each response, so an operator (or a test) behind a load balancer
/// can see which one answered. The name says nothing secret: it is a host name and port.
/// </summary>
public static class InstanceHeader
{
    public const string Name = "X-Sso-Instance";

    public static IApplicationBuilder UseInstanceHeader(this IApplicationBuilder app)
    {
        var instance = app.ApplicationServices.GetRequiredService<ServerInstance>();
        return app.Use(async (context, next) =>
        {
            context.Response.OnStarting(() =>
            {
                context.Response.Headers[Name] = instance.Name;
                return Task.CompletedTask;
            });
            await next(context);
        });
    }
}
