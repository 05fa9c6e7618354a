using Microsoft.Extensions.DependencyInjection;

namespace Sso.RelyingParty.RequestValidation;

public static class RequestValidationServiceCollectionExtensions
{
    /// <summary>Razor Pages, with <see cref="UnhandledMethodPageFilter"/> so no page renders for a method it has no handler for.</summary>
    public static IMvcBuilder AddSsoPages(this IServiceCollection services) =>
        services.AddRazorPages().AddMvcOptions(options => options.Filters.Add<UnhandledMethodPageFilter>());
}
