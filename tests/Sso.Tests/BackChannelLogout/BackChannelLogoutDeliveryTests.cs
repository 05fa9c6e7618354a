using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Sso.IdentityServer.Audit;
using Sso.IdentityServer.BackChannelLogout;
using Sso.IdentityServer.Data;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.BackChannelLogout;

/// <summary>
/// When a session ends, every app that took part gets a logout token (OpenID Connect Back-Channel
/// Logout 1.0), sent in the background so that no app can hold up a sign-out or another app.
/// </summary>
public sealed class BackChannelLogoutDeliveryTests(LogoutReceiverSystem system) : IClassFixture<LogoutReceiverSystem>
{
    private static readonly TimeSpan Soon = TimeSpan.FromSeconds(10);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Discovery_AdvertisesBackChannelLogoutWithSessions()
    {
        using var client = system.CreateClient();
        var discovery = JsonDocument.Parse(await client.Http.GetStringAsync(".well-known/openid-configuration", Cancellation)).RootElement;

        Assert.True(discovery.GetProperty("backchannel_logout_supported").GetBoolean());
        Assert.True(discovery.GetProperty("backchannel_logout_session_supported").GetBoolean());
    }

    [Fact]
    public async Task SignOut_SendsTheAppAValidLogoutTokenForThatSession()
    {
        using var client = system.CreateClient();
        var tokens = await client.GetTokensAsync(AliceUserName, AlicePassword, AppAScopes);
        var sid = Jwt.Claim(tokens.IdToken!, "sid");
        var before = system.AppA.Tokens.Count;

        await client.EndSessionAsync(tokens.IdToken!);
        var logoutToken = await system.AppA.WaitForTokenAsync(Soon, before + 1);

        // What Back-Channel Logout §2.4 asks, checked the way an app must check it (§2.6).
        var header = Jwt.Header(logoutToken);
        Assert.Equal("logout+jwt", header.GetProperty("typ").GetString());
        var result = await new JsonWebTokenHandler().ValidateTokenAsync(logoutToken, new TokenValidationParameters
        {
            ValidIssuer = system.Issuer.ToString(),
            ValidAudience = ClientA,
            ValidTypes = ["logout+jwt"],
            IssuerSigningKeys = new JsonWebKeySet(await client.Http.GetStringAsync(".well-known/jwks", Cancellation)).Keys,
        });
        Assert.True(result.IsValid, result.Exception?.Message);
        var payload = Jwt.Payload(logoutToken);
        Assert.Equal(sid, payload.GetProperty("sid").GetString());
        Assert.Equal(Jwt.Claim(tokens.IdToken!, "sub"), payload.GetProperty("sub").GetString());
        Assert.Equal(JsonValueKind.Object,
            payload.GetProperty("events").GetProperty(LogoutTokenFactory.BackChannelLogoutEvent).ValueKind);
        Assert.False(string.IsNullOrEmpty(payload.GetProperty("jti").GetString()));
        Assert.True(payload.TryGetProperty("iat", out _));
        Assert.False(payload.TryGetProperty("nonce", out _));
    }

    [Fact]
    public async Task OnlyTheAppsThatTookPartInTheSession_AreTold()
    {
        using var client = system.CreateClient(ClientB, ClientBSecret);
        var tokens = await client.GetTokensAsync(BobUserName, BobPassword, AppBScopes);
        var sid = Jwt.Claim(tokens.IdToken!, "sid");

        await client.EndSessionAsync(tokens.IdToken!);
        await WaitUntilAsync(() => system.AppB.Tokens.Any(token => Jwt.Claim(token, "sid") == sid));

        await Task.Delay(TimeSpan.FromSeconds(1), Cancellation);
        Assert.DoesNotContain(system.AppA.Tokens, token => Jwt.Claim(token, "sid") == sid);
    }

    [Fact]
    public async Task AnAppThatFails_IsTriedAgain_AndTheDeliveryIsRecorded()
    {
        using var client = system.CreateClient();
        var tokens = await client.GetTokensAsync(BobUserName, BobPassword, AppAScopes);
        var sid = Jwt.Claim(tokens.IdToken!, "sid");
        system.AppA.FailNext(1);

        await client.EndSessionAsync(tokens.IdToken!);

        var delivery = await WaitForOutcomeAsync(sid, ClientA);
        Assert.Equal(BackChannelLogoutStatus.Delivered, delivery.Status);
        Assert.Equal(2, delivery.Attempts);
        Assert.Equal(2, system.AppA.Tokens.Count(token => Jwt.Claim(token, "sid") == sid));
        await using var scope = system.ServerServices.CreateAsyncScope();
        Assert.True(await scope.ServiceProvider.GetRequiredService<SsoDbContext>().AuditEvents.AnyAsync(
            auditEvent => auditEvent.Type == AuditEventType.BackChannelLogoutDelivered && auditEvent.SessionId == sid, Cancellation));
    }

    private async Task<BackChannelLogoutDelivery> WaitForOutcomeAsync(string sid, string clientId)
    {
        var deadline = DateTime.UtcNow + Soon;
        while (true)
        {
            await using (var scope = system.ServerServices.CreateAsyncScope())
            {
                var delivery = await scope.ServiceProvider.GetRequiredService<SsoDbContext>().BackChannelLogoutDeliveries.AsNoTracking()
                    .SingleOrDefaultAsync(candidate => candidate.SessionId == sid && candidate.ClientId == clientId, Cancellation);
                if (delivery is { Status: not BackChannelLogoutStatus.Pending })
                {
                    return delivery;
                }
            }

            Assert.True(DateTime.UtcNow < deadline, $"No outcome for the logout notice to {clientId}.");
            await Task.Delay(100, Cancellation);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + Soon;
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The condition did not become true in time.");
            await Task.Delay(50, Cancellation);
        }
    }
}
