using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.IdentityModel.Tokens;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Resilience;

/// <summary>
/// kill -9 in the middle of load, then a restart on the same database: nothing committed before the
/// kill is lost or damaged. The restart leaves out every seed setting, so users and clients must come
/// from the database, not from configuration.
/// </summary>
public sealed class CrashTests(CrashSystem system) : IClassFixture<CrashSystem>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task KilledMidLoad_RestartsWithEveryUserClientKeySessionAndRefreshTokenIntact()
    {
        // What exists before the load: a signed-in browser with an unused refresh token, the keys.
        using var browser = system.CreateClient();
        var browserTokens = await browser.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);
        var kidsBefore = await KidsAsync(browser);

        using var load = new CrashLoad(system);
        await load.RunUntilAsync(done => done.SignIns >= 3 && done.Registrations >= 3 && done.Refreshes >= 10 && done.ClientCredentials >= 5);
        load.Stop();
        await system.Server.KillAsync();
        var acknowledged = await load.DrainAsync();
        Assert.True(acknowledged.Failures.IsEmpty, "Failures before the kill: " + string.Join("\n", acknowledged.Failures));

        if (!system.Database.IsPostgreSql)
        {
            Assert.Equal("ok", await IntegrityCheckAsync(system.DatabasePath));
        }

        await system.StartFromTheDatabaseAloneAsync();

        Assert.Equal(kidsBefore, await KidsAsync(browser));
        Assert.NotNull((await browser.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Code);
        Assert.NotNull((await browser.RefreshAsync(browserTokens.RefreshToken!)).AccessToken);
        foreach (var (signedIn, tokens) in acknowledged.SignedIn)
        {
            Assert.NotNull((await signedIn.AuthorizeAsync(AppAScopes, p => p["prompt"] = "none")).Code);
            var refreshed = await signedIn.RefreshAsync(tokens.RefreshToken!);
            Assert.True(refreshed.AccessToken is not null, refreshed.Body);
        }

        foreach (var registration in acknowledged.Registrations)
        {
            using var read = new HttpRequestMessage(HttpMethod.Get, registration.Uri);
            read.Headers.Authorization = new("Bearer", registration.AccessToken);
            using var response = await browser.Http.SendAsync(read, Cancellation);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(registration.ClientId, (await response.Content.ReadFromJsonAsync<JsonElement>(Cancellation)).GetProperty("client_id").GetString());
        }

        Assert.True(await system.CanSignInAsync(BobUserName, BobPassword));
        using var reporting = system.CreateClient(Reporting, ReportingSecret);
        Assert.NotNull((await reporting.ClientCredentialsAsync("orders.read")).AccessToken);
    }

    private static async Task<string> IntegrityCheckAsync(string path)
    {
        // Opening the file replays or discards the write-ahead log the killed process left, as the
        // restarted server will; the check then reads every page and index.
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(Cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check;";
        return (string)(await command.ExecuteScalarAsync(Cancellation))!;
    }

    private static async Task<List<string>> KidsAsync(OAuthTestClient client) =>
        [.. new JsonWebKeySet(await client.Http.GetStringAsync(".well-known/jwks", Cancellation)).Keys.Select(key => key.Kid).Order()];
}
