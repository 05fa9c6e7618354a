using System.Net;
using System.Text;
using System.Text.Json;
using Sso.Tests.Support;
using Xunit;

namespace Sso.Tests.Hosting;

/// <summary>
/// A form body the framework cannot read (found by the fuzz run: each answered 500) gets a 400:
/// an OAuth error for programs, the error page for people.
/// </summary>
public sealed class UnreadableFormTests(IdentityServerFixture system) : IClassFixture<IdentityServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> UnreadableForms => new()
    {
        { "application/x-www-form-urlencoded; charset=utf-7", "grant_type=client_credentials" },
        { "application/x-www-form-urlencoded", "grant_type=client_credentials&token=a%00b" },
        { "application/x-www-form-urlencoded", string.Join('&', Enumerable.Range(0, 2000).Select(i => $"p{i}=x")) },
        { "application/x-www-form-urlencoded", new string('k', 3000) + "=x" },
        { "multipart/form-data", "--x\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nb\r\n--x--\r\n" },
        { "application/x-www-form-urlencoded, application/json", "grant_type=client_credentials" },
    };

    [Theory]
    [MemberData(nameof(UnreadableForms))]
    public async Task TokenEndpoint_AnswersAnUnreadableForm_WithInvalidRequest(string contentType, string body)
    {
        using var response = await PostAsync("connect/token", contentType, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync(Cancellation));
        Assert.Equal("invalid_request", json.RootElement.GetProperty("error").GetString());
    }

    [Theory]
    [InlineData("connect/revoke")]
    [InlineData("connect/introspect")]
    [InlineData("connect/userinfo")]
    public async Task OtherProtocolEndpoints_AnswerAnUnreadableForm_WithInvalidRequest(string path)
    {
        using var response = await PostAsync(path, "application/x-www-form-urlencoded; charset=utf-7", "token=x");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_request", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("account/login")]
    [InlineData("connect/endsession")]
    [InlineData("connect/authorize")]
    [InlineData("")]
    public async Task Pages_AnswerAnUnreadableForm_WithTheErrorPage(string path)
    {
        using var response = await PostAsync(path, "application/x-www-form-urlencoded; charset=utf-7", "Input.UserName=x");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("id=\"error-code\">bad_request<", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ABodyOverTheLimit_IsRefusedAtTheDoor()
    {
        using var response = await PostAsync("connect/token", "application/x-www-form-urlencoded", "grant_type=" + new string('x', 300 * 1024));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task AFormValueOverTheLimit_IsAnInvalidRequest()
    {
        using var response = await PostAsync("connect/token", "application/x-www-form-urlencoded", "grant_type=" + new string('x', 100 * 1024));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("invalid_request", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFormKeyWithAnUnclosedBracket_IsJustAnUnknownField()
    {
        using var response = await PostAsync("account/login?b%5Bc=x", "application/x-www-form-urlencoded", "a%5Bb=x", HttpMethod.Get);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("Input.UserName", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReadableForm_StillReachesTheEndpoint()
    {
        using var response = await PostAsync("connect/token", "application/x-www-form-urlencoded; charset=utf-8", "grant_type=made-up&client_id=client-a");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("unsupported_grant_type", await response.Content.ReadAsStringAsync(Cancellation), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string contentType, string body, HttpMethod? method = null)
    {
        using var http = new HttpClient { BaseAddress = system.ServerUrl };
        using var request = new HttpRequestMessage(method ?? HttpMethod.Post, path) { Content = new ByteArrayContent(Encoding.ASCII.GetBytes(body)) };
        request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        return await http.SendAsync(request, Cancellation);
    }
}
