using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Sso.RelyingParty.Sessions;
using Sso.Tests.Support;
using Xunit;

namespace Sso.Tests.ClientSessions;

/// <summary>Expired app sessions do not pile up in the session file: they are deleted on a schedule.</summary>
public sealed class SessionPurgeTests(QuickPurgeSystem system) : IClassFixture<QuickPurgeSystem>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task ExpiredSessions_AreDeletedFromTheFile_LiveOnesStay()
    {
        var store = system.AppServices(ClientApp.A).GetRequiredService<SessionTicketStore>();
        var subject = Guid.NewGuid().ToString();
        await store.StoreAsync(Ticket(subject, DateTimeOffset.UtcNow.AddMinutes(-1)), Cancellation);
        await store.StoreAsync(Ticket(subject, DateTimeOffset.UtcNow.AddHours(1)), Cancellation);

        await Eventually.TrueAsync(async () => await RowsOfAsync(subject) == 1, TimeSpan.FromSeconds(15),
            "the expired session deleted from the file, the live one kept");
    }

    private static AuthenticationTicket Ticket(string subject, DateTimeOffset expiresAt) =>
        new(new ClaimsPrincipal(new ClaimsIdentity([new Claim("sub", subject)], "test")),
            new AuthenticationProperties { ExpiresUtc = expiresAt },
            CookieAuthenticationDefaults.AuthenticationScheme);

    /// <summary>Counts rows in the file itself, expired or not (the app never returns expired ones).</summary>
    private async Task<long> RowsOfAsync(string subject)
    {
        await using var connection = new SqliteConnection($"Data Source={system.AppSessionsPath(ClientApp.A)};Mode=ReadOnly");
        await connection.OpenAsync(Cancellation);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM app_sessions WHERE sub = $sub";
        command.Parameters.AddWithValue("$sub", subject);
        return Convert.ToInt64(await command.ExecuteScalarAsync(Cancellation), CultureInfo.InvariantCulture);
    }
}
