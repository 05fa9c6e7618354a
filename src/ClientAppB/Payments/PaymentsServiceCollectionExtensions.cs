using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Sso.ClientAppB.Payments;

public static class PaymentsServiceCollectionExtensions
{
    /// <summary>The "Payments" settings (validated at start) for the payments page.</summary>
    public static IServiceCollection AddPayments(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<PaymentsOptions>()
            .BindConfiguration(PaymentsOptions.SectionName)
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PaymentsOptions>, PaymentsOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
