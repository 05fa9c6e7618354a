using Microsoft.Extensions.Logging;
using Sso.Observability.Logging;
using Sso.Tests.Support;
using Xunit;

namespace Sso.Tests.Observability;

public sealed class SecretRedactionTests
{
    private const string Jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJhbGljZSJ9.c2lnbmF0dXJl";

    [Theory]
    [InlineData("GET http://localhost:5001/signin-oidc?code=SplxlOBeZQQYbYS6WxSbIA&state=abc&iss=x",
        "GET http://localhost:5001/signin-oidc?code=[redacted]&state=abc&iss=x")]
    [InlineData("GET /connect/endsession?post_logout_redirect_uri=http%3A%2F%2Fa&id_token_hint=opaque-hint-value",
        "GET /connect/endsession?post_logout_redirect_uri=http%3A%2F%2Fa&id_token_hint=[redacted]")]
    [InlineData("grant_type=refresh_token&refresh_token=8xLOxBtZp8&client_secret=s3cr3t-value",
        "grant_type=refresh_token&refresh_token=[redacted]&client_secret=[redacted]")]
    [InlineData("{ \"grant_type\": \"authorization_code\", \"code_verifier\": \"dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk\" }",
        "{ \"grant_type\": \"authorization_code\", \"code_verifier\": \"[redacted]\" }")]
    [InlineData("Bearer " + Jwt + " was refused", "Bearer [redacted] was refused")]
    public void Secrets_AreReplaced(string text, string expected) => Assert.Equal(expected, SecretRedaction.Redact(text));

    [Theory]
    [InlineData("GET /connect/authorize?client_id=client-a&code_challenge=E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM&state=xyz")]
    [InlineData("{ \"client_id\": \"client-a\", \"error\": \"invalid_grant\" }")]
    [InlineData("User 42 signed in with response_type=code")]
    public void OrdinaryText_IsLeftAlone(string text) => Assert.Same(text, SecretRedaction.Redact(text));

    [Fact]
    public void ALogger_RedactsTheMessageAndTheStructuredValues_ForEverySink()
    {
        var sink = new CapturedVerboseLog();
        using var factory = new RedactingLoggerFactory(LoggerFactory.Create(logging => sink.AddTo(logging)));
        var logger = factory.CreateLogger("Test");

        logger.LogInformation("The reference identifier ({ReferenceId}) of {Client} was stored; callback {Url}",
            "hLfl2DU6565FHVLy6QjLO67JYy800qA3", "client-a", "/signin-oidc?code=SplxlOBeZQQYbYS6WxSbIA&state=s");

        var entry = Assert.Single(sink.Entries);
        Assert.DoesNotContain("hLfl2DU6565FHVLy6QjLO67JYy800qA3", entry, StringComparison.Ordinal);
        Assert.DoesNotContain("SplxlOBeZQQYbYS6WxSbIA", entry, StringComparison.Ordinal);
        Assert.Contains("The reference identifier ([redacted]) of client-a was stored; callback /signin-oidc?code=[redacted]&state=s", entry, StringComparison.Ordinal);
        Assert.Contains("Client=client-a", entry, StringComparison.Ordinal);
    }
}
