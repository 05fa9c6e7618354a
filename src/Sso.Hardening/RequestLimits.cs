using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Sso.Hardening;

/// <summary>
/// Nothing sent to the three apps is large: forms, tokens, logout tokens, registration metadata and
/// API calls are kilobytes. Refusing big
/// bodies at the door (413) and long form values at the first read (400) keeps megabyte inputs from
/// ever being decoded, which otherwise leaves megabyte buffers parked in the shared array pools of
/// every thread that handled one.
/// </summary>
public static class RequestLimits
{
    public const int MaxRequestBodyBytes = 256 * 1024;

    public const int MaxFormValueBytes = 64 * 1024;

    public static IServiceCollection AddSsoRequestLimits(this IServiceCollection services)
    {
        services.Configure<KestrelServerOptions>(kestrel => kestrel.Limits.MaxRequestBodySize = MaxRequestBodyBytes);
        services.Configure<FormOptions>(form =>
        {
            form.ValueLengthLimit = MaxFormValueBytes;
            form.MultipartBodyLengthLimit = MaxRequestBodyBytes;
        });
        return services;
    }
}
