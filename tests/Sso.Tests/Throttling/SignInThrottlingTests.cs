using System.Net;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Throttling.ThrottlingSystem;

namespace Sso.Tests.Throttling;

/// <summary>Sign-in form posts are limited per client address and per account, and both must hold.</summary>
public sealed class SignInThrottlingTests(ThrottlingSystem system) : IClassFixture<ThrottlingSystem>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task OneAddress_BeyondItsLimit_Gets429WithRetryAfter_AndAPageSayingToWait()
    {
        using var client = system.ClientFrom(system.NewAddress());
        for (var i = 0; i < SignInPerAddress; i++)
        {
            using var answered = await client.SignInAsync(UnknownUser(), "some-guessed-password");
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }

        using var throttled = await client.SignInAsync(UnknownUser(), "some-guessed-password");

        Throttled.Assert429(throttled);
        var page = await throttled.Content.ReadAsStringAsync(Cancellation);
        Assert.Contains("Too many attempts", page, StringComparison.Ordinal);
        Assert.Contains("too_many_requests", page, StringComparison.Ordinal);
        Assert.Equal("DENY", Assert.Single(throttled.Headers.GetValues("X-Frame-Options")));

        using var elsewhere = system.ClientFrom(system.NewAddress());
        using var stillAnswered = await elsewhere.SignInAsync(UnknownUser(), "some-guessed-password");
        Assert.Equal(HttpStatusCode.OK, stillAnswered.StatusCode);
    }

    [Fact]
    public async Task OneAccount_FromADifferentAddressEachTime_IsThrottledPerAccount_EvenWithTheRightPassword()
    {
        const string password = "the-right-passphrase";
        var victim = (await system.CreateUserAsync("victim", password)).UserName;
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < SignInPerAccount; i++)
        {
            // One request per address, and the name in other letter cases: the account is what counts.
            using var attacker = system.ClientFrom(system.NewAddress());
            using var response = await attacker.SignInAsync(i % 2 == 0 ? victim.ToUpperInvariant() : victim, "guess-" + i);
            statuses.Add(response.StatusCode);
        }

        using var owner = system.ClientFrom(system.NewAddress());
        using var throttled = await owner.SignInAsync(victim, password);

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.OK, status));
        Throttled.Assert429(throttled);
        Assert.DoesNotContain(owner.Cookies.GetCookies(system.Issuer), cookie => cookie.Name == "sso.session");
    }

    [Fact]
    public async Task SignInsWithinTheLimits_StillWork()
    {
        const string password = "a-perfectly-fine-passphrase";
        var person = (await system.CreateUserAsync("person", password)).UserName;
        using var client = system.ClientFrom(system.NewAddress());

        using var response = await client.SignInAsync(person, password);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Contains(client.Cookies.GetCookies(system.Issuer), cookie => cookie.Name == "sso.session");
    }

    private static string UnknownUser() => "nobody-" + Guid.NewGuid().ToString("N")[..12];
}
