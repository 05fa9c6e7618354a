using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Apis;

/// <summary>When the payments API cannot get an answer from introspection, it refuses (401), never errs (500).</summary>
public sealed class IntrospectionFailsClosedTests(WrongIntrospectionSecretSystem system) : IClassFixture<WrongIntrospectionSecretSystem>
{
    [Fact]
    public async Task WrongIntrospectionSecret_PaymentsGet401InvalidToken_InvoicesStillWork()
    {
        using var client = system.CreateClient(ClientA, ClientASecret);
        var tokens = await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);
        using var billing = new BearerApiClient(system.AppBUrl);

        using var payments = await billing.GetAsync("api/payments", tokens.AccessToken);
        using var invoices = await billing.GetAsync("api/invoices", tokens.AccessToken);

        BearerApiClient.AssertInvalidToken(payments);
        await BearerApiClient.AssertOkAsync(invoices);
    }
}
