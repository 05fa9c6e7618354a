using System.Globalization;
using System.Net;
using Xunit;

namespace Sso.Tests.Throttling;

/// <summary>What every throttled answer must look like: 429, Retry-After in seconds within the window, never cached.</summary>
public static class Throttled
{
    public static void Assert429(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        var retryAfter = Assert.Single(response.Headers.GetValues("Retry-After"));
        var seconds = int.Parse(retryAfter, NumberStyles.None, CultureInfo.InvariantCulture);
        Assert.InRange(seconds, 1, (int)ThrottlingSystem.Window.TotalSeconds);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString() ?? "", StringComparison.Ordinal);
    }
}
