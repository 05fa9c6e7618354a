using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Sso.IdentityServer.Hosting;

namespace Sso.IdentityServer.Throttling;

/// <summary>
/// What a throttled request gets: 429 with Retry-After (RFC 6585 §4, RFC 9110 §10.2.3) in whole
/// seconds. Programs get an OAuth-style JSON error; people get the error page, which the status
/// code pages render from the empty 429.
/// </summary>
public static class ThrottlingRejection
{
    /// <summary>
    /// At the token endpoint: RFC 8628 §3.5 defines <c>slow_down</c> for token requests made too
    /// often, so clients that know it back off; RFC 6749 has no code for this.
    /// </summary>
    public const string SlowDown = "slow_down";

    /// <summary>Elsewhere (registration, admin API), named after the status.</summary>
    public const string TooManyRequests = "too_many_requests";

    public static async ValueTask WriteAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rejected);
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        context.Response.Headers.CacheControl = "no-store";

        var endpoint = ThrottledEndpoints.Classify(context.Request);
        context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ThrottlingRejection))
            .LogWarning("Throttled a {Endpoint} request from {Address}; retry after {Seconds} s",
                endpoint, ClientAddress.PartitionKey(context.Connection.RemoteIpAddress), seconds);

        if (HostingExtensions.IsMachineEndpoint(context.Request.Path))
        {
            await context.Response.WriteAsJsonAsync(new Dictionary<string, string>
            {
                ["error"] = endpoint == ThrottledEndpoint.Token ? SlowDown : TooManyRequests,
                ["error_description"] = $"Too many requests. Retry after {seconds} seconds.",
            }, cancellationToken);
        }
    }
}
