using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Apis;

/// <summary>
/// With the identity server down, the payments API cannot introspect and refuses every token
/// (fail closed, 401, not 500); the invoices API keeps working on the keys it already has.
/// This class stops its system's server, so it has a system of its own.
/// </summary>
public sealed class UnreachableIdentityServerTests(FullSystemFixture system) : IClassFixture<FullSystemFixture>
{
    [Fact]
    public async Task IdentityServerDown_PaymentsGet401InvalidToken_InvoicesStillWork()
    {
        using var client = system.CreateClient(ClientA, ClientASecret);
        var tokens = await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);
        using var billing = new BearerApiClient(system.AppBUrl);
        // Loads the server's discovery document and keys into Billing while the server is up.
        using (var before = await billing.GetAsync("api/invoices", tokens.AccessToken))
        {
            await BearerApiClient.AssertOkAsync(before);
        }

        await system.StopServerAsync();
        using var payments = await billing.GetAsync("api/payments", tokens.AccessToken);
        using var invoices = await billing.GetAsync("api/invoices", tokens.AccessToken);

        BearerApiClient.AssertInvalidToken(payments);
        await BearerApiClient.AssertOkAsync(invoices);
    }
}
