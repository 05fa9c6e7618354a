using System.Net;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Hosting;

/// <summary>
/// A page asked with a method it has no handler for answers 405, never renders unfilled (found by
/// the fuzz run: the client page rendered without its client and answered 500).
/// </summary>
public sealed class PageMethodTests(IdentityServerFixture system) : IClassFixture<IdentityServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("admin/clients/client-a")]
    [InlineData("admin/users")]
    [InlineData("account")]
    public async Task APageWithoutAHandlerForTheMethod_AnswersMethodNotAllowed(string path)
    {
        using var admin = await system.SignedInClientAsync(AliceUserName, AlicePassword);

        using var response = await admin.Http.SendAsync(new HttpRequestMessage(HttpMethod.Trace, path), Cancellation);

        AssertMethodNotAllowed(response, await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task APostWithoutAHandler_ToTheClientPage_AnswersMethodNotAllowed()
    {
        using var admin = await system.SignedInClientAsync(AliceUserName, AlicePassword);
        var form = await admin.GetFormTokenAsync("admin/clients/client-a");

        using var response = await admin.Http.PostAsync("admin/clients/client-a",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = form }), Cancellation);

        AssertMethodNotAllowed(response, await response.Content.ReadAsStringAsync(Cancellation));
    }

    [Fact]
    public async Task AHeadRequest_WithANonBooleanCheckboxValue_IsAnsweredLikeTheGet()
    {
        // Found by the fuzz run: Razor Pages binds properties for HEAD, and the checkbox re-rendered
        // from model state threw on "maybe" (500).
        using var admin = await system.SignedInClientAsync(AliceUserName, AlicePassword);

        using var response = await admin.Http.SendAsync(
            new HttpRequestMessage(HttpMethod.Head, "admin/clients/edit/?Input.ClientCredentials=maybe&Input.AuthorizationCode=no%20way"), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task TheErrorPage_ExplainsAnyMethod()
    {
        using var http = new HttpClient { BaseAddress = system.ServerUrl };

        using var response = await http.SendAsync(new HttpRequestMessage(new HttpMethod("PROPFIND"), "no-such-page"), Cancellation);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("id=\"error-code\">not_found<", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheClientPage_StillShowsTheClient()
    {
        using var admin = await system.SignedInClientAsync(AliceUserName, AlicePassword);

        using var response = await admin.Http.GetAsync("admin/clients/client-a", Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("id=\"client-id\">client-a<", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    private static void AssertMethodNotAllowed(HttpResponseMessage response, string page)
    {
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("GET", response.Content.Headers.Allow);
        Assert.Contains("id=\"error-code\">method_not_allowed<", page, StringComparison.Ordinal);
    }
}
