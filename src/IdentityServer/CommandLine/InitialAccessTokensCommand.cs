using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using Sso.IdentityServer.Clients.DynamicRegistration;

namespace Sso.IdentityServer.CommandLine;

/// <summary><c>initial-access-tokens issue</c>: lets someone register a client through dynamic registration (RFC 7591 §3).</summary>
public static class InitialAccessTokensCommand
{
    public static Command Create(CommandRunner runner)
    {
        ArgumentNullException.ThrowIfNull(runner);
        var output = runner.Output;
        var tokens = new Command("initial-access-tokens", "Initial access tokens for dynamic client registration (POST /connect/register).");

        var expiresIn = new Option<TimeSpan?>("--expires-in")
        {
            Description = "How long the token can be used (default: Registration:InitialAccessTokenLifetime, 1 day).",
        };
        var singleUse = new Option<bool>("--single-use") { Description = "The token registers one client, then stops working." };
        var description = new Option<string?>("--description") { Description = "Who or what the token is for (kept for your records)." };
        var issue = new Command("issue", "Issue a token; it is shown once and only its hash is stored.");
        issue.Options.Add(expiresIn);
        issue.Options.Add(singleUse);
        issue.Options.Add(description);
        issue.SetAction((parse, cancellationToken) => runner.RunAsync(async (services, ct) =>
        {
            var lifetime = parse.GetValue(expiresIn) ?? services.GetRequiredService<IOptions<RegistrationOptions>>().Value.InitialAccessTokenLifetime;
            if (lifetime <= TimeSpan.Zero)
            {
                throw new CommandInputException(expiresIn.Name, "must be longer than zero");
            }

            var (token, stored) = await services.GetRequiredService<InitialAccessTokens>()
                .IssueAsync(lifetime, parse.GetValue(singleUse), parse.GetValue(description), ct);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Initial access token ({(stored.SingleUse ? "single use" : "reusable")}, expires {stored.ExpiresAt.UtcDateTime:u}); shown once:"));
            await output.WriteLineAsync(token);
            return 0;
        }, cancellationToken));

        tokens.Subcommands.Add(issue);
        return tokens;
    }
}
