using System.Net;
using System.Text;
using Xunit;

namespace Sso.Tests.Throttling;

/// <summary>
/// A sign-in body that is not a valid form gets a 4xx, never a 5xx: the form guard refuses what it
/// cannot read (400, 413 when too large) before the throttle or the page see it; what it can read
/// gets the page's own answer (the form again, or 400 without an antiforgery token).
/// </summary>
public sealed class MalformedSignInTests(ThrottlingSystem system) : IClassFixture<ThrottlingSystem>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Bodies => new()
    {
        { "application/x-www-form-urlencoded", string.Join("&", Enumerable.Range(0, 5000).Select(i => $"k{i}=v")) },
        // Over the form value limit, under the body limit (a bigger body gets 413 while it is still
        // being sent, which the client sees as a broken pipe rather than an answer).
        { "application/x-www-form-urlencoded", "Input.UserName=" + new string('a', 200_000) },
        { "application/x-www-form-urlencoded", "Input.UserName=%FF%FE%C0&Input.Password=%E0%80" },
        { "multipart/form-data", "--nothing--" },
        { "multipart/form-data; boundary=b", "--b\r\nContent-Disposition: form-data; name=\"Input.UserName\"\r\n\r\nalice" },
        { "application/json", "{\"Input.UserName\":\"alice\"}" },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task ABodyThatIsNoValidForm_GetsThePagesOwnAnswer_NotA5xx(string contentType, string body)
    {
        using var client = system.ClientFrom(system.NewAddress());
        var token = await client.GetFormTokenAsync("account/login");
        using var content = new ByteArrayContent(Encoding.Latin1.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        using var request = new HttpRequestMessage(HttpMethod.Post, "account/login") { Content = content };
        request.Headers.Add("RequestVerificationToken", token);

        using var response = await client.Http.SendAsync(request, Cancellation);

        Assert.Contains(response.StatusCode, new[] { HttpStatusCode.OK, HttpStatusCode.BadRequest, HttpStatusCode.RequestEntityTooLarge });
    }

    [Fact]
    public async Task UnreadablePosts_AreRefusedBeforeAnyPasswordCheck_AndDoNotSpendTheAddresssAllowance()
    {
        // Refused at the door, they can guess nothing, so there is nothing to throttle; counting
        // them would only let garbage lock the address's real sign-ins out sooner.
        using var client = system.ClientFrom(system.NewAddress());
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i <= ThrottlingSystem.SignInPerAddress; i++)
        {
            using var content = new StringContent("--nothing--", Encoding.ASCII);
            content.Headers.TryAddWithoutValidation("Content-Type", "multipart/form-data");
            using var response = await client.Http.PostAsync("account/login", content, Cancellation);
            statuses.Add(response.StatusCode);
        }

        using var realAttempt = await client.SignInAsync("nobody-" + Guid.NewGuid().ToString("N"), "some-guessed-password");

        Assert.All(statuses, status => Assert.Equal(HttpStatusCode.BadRequest, status));
        Assert.Equal(HttpStatusCode.OK, realAttempt.StatusCode);
    }
}
