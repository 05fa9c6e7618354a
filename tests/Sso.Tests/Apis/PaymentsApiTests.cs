using System.Net;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Apis;

/// <summary>
/// Billing's payments API checks each token with the identity server (introspection, RFC 7662)
/// on top of local validation, so a revoked token is refused at once. The invoices API validates
/// locally only: fast and independent of the server, but it takes a revoked token until it expires.
/// </summary>
public sealed class PaymentsApiTests(IntrospectionSystem system) : IClassFixture<IntrospectionSystem>, IDisposable
{
    private const string Payments = "api/payments";
    private const string Invoices = "api/invoices";

    private readonly BearerApiClient _billing = new(system.AppBUrl);

    [Fact]
    public async Task ActiveToken_GetsThePersonsPayments()
    {
        var (_, tokens) = await SignInAtAAsync(AliceUserName, AlicePassword);

        using var response = await _billing.GetAsync(Payments, tokens.AccessToken);

        Assert.Equal(Jwt.Claim(tokens.AccessToken!, "sub"), await BearerApiClient.AssertOkAsync(response));
    }

    [Fact]
    public async Task RevokedToken_IsRefusedByPaymentsAtOnce_WhileInvoicesTakeItUntilItExpires()
    {
        var (client, tokens) = await SignInAtAAsync(AliceUserName, AlicePassword);
        using (client)
        {
            var revocation = await client.RevokeAsync(tokens.AccessToken!);
            Assert.Equal(HttpStatusCode.OK, revocation.Status);
        }

        using var payments = await _billing.GetAsync(Payments, tokens.AccessToken);
        using var invoices = await _billing.GetAsync(Invoices, tokens.AccessToken);

        BearerApiClient.AssertInvalidToken(payments);
        // The trade-off, on purpose: a JWT carries its own proof, so the local check cannot know
        // it was revoked; the short access-token lifetime bounds how long it keeps working.
        await BearerApiClient.AssertOkAsync(invoices);
    }

    [Fact]
    public async Task CachedActiveAnswer_DiesWithABackChannelLogoutOfItsSubject()
    {
        var (client, tokens) = await SignInAtAAsync(BobUserName, BobPassword);
        var subject = Jwt.Claim(tokens.AccessToken!, "sub");
        using (var first = await _billing.GetAsync(Payments, tokens.AccessToken))
        {
            await BearerApiClient.AssertOkAsync(first);
        }

        using (client)
        {
            await client.RevokeAsync(tokens.AccessToken!);
        }

        // Within the cache duration the API trusts its cached "active": the window introspection
        // caching opens (Api:Introspection:CacheDuration, 5 s by default, a minute here).
        using (var cached = await _billing.GetAsync(Payments, tokens.AccessToken))
        {
            await BearerApiClient.AssertOkAsync(cached);
        }

        using var forge = LogoutTokenForge.For(system);
        using var sender = new BackChannelLogoutSender(system.AppBUrl);
        using (var logout = await sender.PostAsync(forge.Create(ClientB, sid: null, sub: subject)))
        {
            Assert.Equal(HttpStatusCode.OK, logout.StatusCode);
        }

        using var afterLogout = await _billing.GetAsync(Payments, tokens.AccessToken);
        BearerApiClient.AssertInvalidToken(afterLogout);
    }

    [Fact]
    public async Task NoToken_Gets401()
    {
        using var response = await _billing.GetAsync(Payments, accessToken: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    public void Dispose() => _billing.Dispose();

    /// <summary>Orders' tokens are issued for the Billing API (billing.read), as Orders uses them.</summary>
    private async Task<(OAuthTestClient Client, TokenResponse Tokens)> SignInAtAAsync(string userName, string password)
    {
        var client = system.CreateClient(ClientA, ClientASecret);
        var tokens = await client.GetTokensAsync(userName, password, AppAScopes);
        Assert.Equal(TokenForge.BillingApi, Jwt.Claim(tokens.AccessToken!, "aud"));
        return (client, tokens);
    }
}
