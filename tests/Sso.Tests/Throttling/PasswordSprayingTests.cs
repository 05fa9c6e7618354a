using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Sso.IdentityServer.Accounts;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Throttling.ThrottlingSystem;

namespace Sso.Tests.Throttling;

/// <summary>
/// Password spraying: common passwords tried against many accounts, first from one address, then
/// from many, each address staying under its own limit. One account really has one of the sprayed
/// passwords. Throttling per address, throttling per account and lockout together keep it safe.
/// </summary>
public sealed class PasswordSprayingTests(ThrottlingSystem system) : IClassFixture<ThrottlingSystem>
{
    private const string SprayedPassword = "Summer2026!";

    /// <summary>The sprayed password comes fourth: by then the weak account is locked out.</summary>
    private static readonly string[] CommonPasswords = ["Password123", "Welcome2026", "Qwerty12345", SprayedPassword, "Letmein2026"];

    [Fact]
    public async Task SprayingFromOneAddressThenMany_SignsIntoNoAccount_AndALegitimateUserStillSignsIn()
    {
        var accounts = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            accounts.Add((await system.CreateUserAsync("staff", $"own-passphrase-{Guid.NewGuid():N}")).UserName);
        }

        // The weak account sits where a sprayer from one address has already been stopped.
        var weak = (await system.CreateUserAsync("weak", SprayedPassword)).UserName;
        accounts.Insert(SignInPerAddress + 1, weak);
        var legitimatePassword = "a-legitimate-passphrase";
        var legitimate = (await system.CreateUserAsync("legit", legitimatePassword)).UserName;

        var answers = new List<(string Account, HttpStatusCode Status)>();

        // Run 1: one address, the sprayed password against every account.
        using (var sprayer = system.ClientFrom(system.NewAddress()))
        {
            foreach (var account in accounts)
            {
                using var response = await sprayer.SignInAsync(account, SprayedPassword);
                answers.Add((account, response.StatusCode));
            }

            Assert.Equal(Enumerable.Repeat(HttpStatusCode.OK, SignInPerAddress)
                    .Concat(Enumerable.Repeat(HttpStatusCode.TooManyRequests, accounts.Count - SignInPerAddress)),
                answers.Select(answer => answer.Status));
        }

        // Run 2: a botnet. Each common password against every account, a new address whenever the
        // current one has used its allowance, so the per-address limit never bites.
        var sent = 0;
        OAuthTestClient? bot = null;
        try
        {
            foreach (var password in CommonPasswords)
            {
                foreach (var account in accounts)
                {
                    if (sent++ % SignInPerAddress == 0)
                    {
                        bot?.Dispose();
                        bot = system.ClientFrom(system.NewAddress());
                    }

                    using var response = await bot!.SignInAsync(account, password);
                    answers.Add((account, response.StatusCode));
                }
            }
        }
        finally
        {
            bot?.Dispose();
        }

        // No account was signed into: every answer was the failure page or a 429, never the
        // redirect of a successful sign-in, and never a server error.
        Assert.All(answers, answer => Assert.Contains(answer.Status, new[] { HttpStatusCode.OK, HttpStatusCode.TooManyRequests }));
        Assert.Contains(answers, answer => answer.Account == weak && answer.Status == HttpStatusCode.TooManyRequests);
        await using (var scope = system.ServerServices.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<SsoUser>>();
            Assert.True(await users.IsLockedOutAsync((await users.FindByNameAsync(weak))!), "the weak account is locked out");
        }

        // The attack goes on: the weak account is throttled from anywhere, the first sprayer's address too.
        using (var later = system.ClientFrom(system.NewAddress()))
        {
            using var response = await later.SignInAsync(weak, SprayedPassword);
            Throttled.Assert429(response);
        }

        // Meanwhile a legitimate person elsewhere signs in as usual.
        using var person = system.ClientFrom(system.NewAddress());
        using var signedIn = await person.SignInAsync(legitimate, legitimatePassword);
        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
    }
}
