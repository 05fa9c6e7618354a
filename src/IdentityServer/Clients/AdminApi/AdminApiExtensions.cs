using OpenIddict.Abstractions;
using OpenIddict.Validation.AspNetCore;

namespace Sso.IdentityServer.Clients.AdminApi;

public static class AdminApiExtensions
{
    public const string PolicyName = "sso.admin";

    /// <summary>The OpenAPI document's name, which makes its URL /admin/api/openapi.json.</summary>
    public const string DocumentName = "openapi";

    /// <summary>
    /// The admin API's authentication: OpenIddict's validation handler checks access tokens against
    /// this server's own keys (signature, issuer, expiry, <c>typ: at+jwt</c>) and requires the admin
    /// API as audience; the policy then requires the sso.admin scope. Only bearer tokens count: a
    /// person's sign-in cookie never authorizes the API, so no cross-site request can use it.
    /// </summary>
    public static IServiceCollection AddAdminApi(this IServiceCollection services)
    {
        services.AddOpenIddict().AddValidation(validation =>
        {
            validation.UseLocalServer();
            validation.UseAspNetCore();
            validation.AddAudiences(AdminScope.Resource);
            validation.AddEventHandler(CurrentServerKeys.Descriptor);
        });

        services.AddAuthorizationBuilder().AddPolicy(PolicyName, policy => policy
            .AddAuthenticationSchemes(OpenIddictValidationAspNetCoreDefaults.AuthenticationScheme)
            .RequireAuthenticatedUser()
            .RequireAssertion(context => context.User.HasScope(AdminScope.Name)));

        services.AddOpenApi(DocumentName, options =>
        {
            options.ShouldInclude = description => description.GroupName == DocumentName;
            options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Sso admin API";
                document.Info.Description = "Register and manage client applications, API scopes and initial access tokens. " +
                                            "Authenticate with a bearer access token carrying the sso.admin scope (client credentials).";
                return Task.CompletedTask;
            });
        });
        return services;
    }

    /// <summary>The API and its OpenAPI document at /admin/api/openapi.json.</summary>
    public static IEndpointRouteBuilder MapAdminApiWithDocument(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapAdminApi();
        endpoints.MapOpenApi(AdminApiEndpoints.Prefix + "/{documentName}.json");
        return endpoints;
    }
}
