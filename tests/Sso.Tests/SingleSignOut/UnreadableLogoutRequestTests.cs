using System.Net;
using System.Text;
using System.Text.Json;
using Sso.Tests.Support;
using Xunit;

namespace Sso.Tests.SingleSignOut;

/// <summary>
/// The apps' sign-out endpoints given a form the framework cannot read (found by the fuzz run:
/// each answered 500): 400, with an RFC 6749 §5.2 error where a program is calling.
/// </summary>
public sealed class UnreadableLogoutRequestTests(FullSystemFixture system) : IClassFixture<FullSystemFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("application/x-www-form-urlencoded; charset=utf-7", "logout_token=x")]
    [InlineData("application/x-www-form-urlencoded, application/json", "logout_token=x")]
    [InlineData("application/x-www-form-urlencoded", "logout_token=a%00b")]
    [InlineData("multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"logout_token\"\r\n\r\nx\r\n--x--\r\n")]
    public async Task BackChannelLogout_AnswersAnUnreadableForm_WithInvalidRequest(string contentType, string body)
    {
        using var response = await PostAsync(system.AppAUrl, "signout-backchannel", contentType, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal("invalid_request", json.RootElement.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("signout-oidc")]
    [InlineData("account/sign-out")]
    [InlineData("account/sign-in-failed")]
    public async Task AppEndpoints_AnswerAnUnreadableForm_WithBadRequest(string path)
    {
        using var response = await PostAsync(system.AppBUrl, path, "application/x-www-form-urlencoded, application/json", "sid=x");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task AFormKeyWithAnUnclosedBracket_IsJustAnUnknownField()
    {
        using var http = new HttpClient { BaseAddress = system.AppAUrl };
        using var request = new HttpRequestMessage(HttpMethod.Get, "account/sign-in-failed?reason%5Bx=1")
        {
            Content = new StringContent("a%5Bb=2", Encoding.ASCII, "application/x-www-form-urlencoded"),
        };

        using var response = await http.SendAsync(request, Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<HttpResponseMessage> PostAsync(Uri app, string path, string contentType, string body)
    {
        using var http = new HttpClient { BaseAddress = app };
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.ASCII.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return await http.SendAsync(request, Cancellation);
    }
}
