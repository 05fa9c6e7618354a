using Xunit;

namespace Sso.Tests.Support;

/// <summary>Waits for something that happens in the background (a logout notice on its way), without fixed sleeps.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = DateTimeOffset.UtcNow + within;
        while (!await condition())
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                Assert.Fail($"Not within {within}: {what}.");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}
