using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.Extensions.DependencyInjection;

namespace Sso.Hardening;

public static class SsoPages
{
    /// <summary>
    /// Razor Pages, with <see cref="UnhandledMethodPageFilter"/> so no page renders for a method it
    /// has no handler for, and without jQuery's a[b] keys: no form uses them, and their parser throws
    /// on a key with an unclosed bracket ("a[b"), which made a page with a bound property answer 500.
    /// </summary>
    public static IMvcBuilder AddSsoPages(this IServiceCollection services, Action<RazorPagesOptions>? configure = null) =>
        services.AddRazorPages(configure ?? (_ => { })).AddMvcOptions(options =>
        {
            options.Filters.Add<UnhandledMethodPageFilter>();
            options.ValueProviderFactories.RemoveType<JQueryFormValueProviderFactory>();
            options.ValueProviderFactories.RemoveType<JQueryQueryStringValueProviderFactory>();
        });
}
