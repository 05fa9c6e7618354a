using System.Threading.RateLimiting;
using Microsoft.AspNetCore;

namespace Sso.IdentityServer.Throttling;

/// <summary>
/// The server's one global limiter: a chain of partitioned limiters that must all grant a request.
/// A partition key names the limit and what it counts (an address, an account, a client), so the
/// sign-in counter of an address is not its admin counter.
/// </summary>
public static class ThrottlingLimiter
{
    public static PartitionedRateLimiter<HttpContext> Create(ThrottlingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(context => PerAddress(context, options)),
            PartitionedRateLimiter.Create<HttpContext, string>(context => PerAccountOrClient(context, options)));
    }

    private static RateLimitPartition<string> PerAddress(HttpContext context, ThrottlingOptions options) =>
        AddressLimit(ThrottledEndpoints.Classify(context.Request), options) is ({ } name, { } limit)
            ? FixedWindow($"{name}|{ClientAddress.PartitionKey(context.Connection.RemoteIpAddress)}", limit)
            : RateLimitPartition.GetNoLimiter("");

    private static (string? Name, ThrottleLimit? Limit) AddressLimit(ThrottledEndpoint endpoint, ThrottlingOptions options) => endpoint switch
    {
        ThrottledEndpoint.SignIn => (nameof(options.SignInPerAddress), options.SignInPerAddress),
        ThrottledEndpoint.Registration => (nameof(options.RegistrationPerAddress), options.RegistrationPerAddress),
        ThrottledEndpoint.AdminApi => (nameof(options.AdminApiPerAddress), options.AdminApiPerAddress),
        ThrottledEndpoint.AdminPages => (nameof(options.AdminPagesPerAddress), options.AdminPagesPerAddress),
        _ => (null, null),
    };

    private static RateLimitPartition<string> PerAccountOrClient(HttpContext context, ThrottlingOptions options)
    {
        switch (ThrottledEndpoints.Classify(context.Request))
        {
            case ThrottledEndpoint.SignIn when SignInAccount.PartitionKey(context) is { } account:
                return FixedWindow($"{nameof(options.SignInPerAccount)}|{account}", options.SignInPerAccount);

            case ThrottledEndpoint.Token:
                // This runs after authentication, where OpenIddict has already refused every token
                // request with a wrong client or secret; what reaches here is the client it claims to
                // be, so no one can spend another client's allowance. Without a client id (never, as
                // configured), the address stands in.
                var client = context.GetOpenIddictServerRequest()?.ClientId is { Length: > 0 } clientId
                    ? "client:" + clientId
                    : "address:" + ClientAddress.PartitionKey(context.Connection.RemoteIpAddress);
                return FixedWindow($"{nameof(options.TokenPerClient)}|{client}", options.TokenPerClient);

            default:
                return RateLimitPartition.GetNoLimiter("");
        }
    }

    private static RateLimitPartition<string> FixedWindow(string key, ThrottleLimit limit) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limit.PermitLimit,
            Window = limit.Window,
            // Refuse at once: holding attackers' requests open would only spend our connections.
            QueueLimit = 0,
            AutoReplenishment = true,
        });
}
