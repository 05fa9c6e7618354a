using System.Diagnostics;
using Sso.Tests.Support;
using Xunit;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Observability;

/// <summary>One sign-in is one trace: from the app, through the identity server's pages and token endpoint, back to the app.</summary>
public sealed class SignInTraceTests(FullSystemFixture system, BrowserFixture browser)
    : IClassFixture<FullSystemFixture>, IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task SignInAtA_IsOneTrace_FromTheAppThroughTheIdentityServerBackToTheApp()
    {
        using var activities = new CapturedActivities();
        await using var context = await browser.NewContextAsync();
        var page = await context.NewPageAsync();

        await AccountPage.SignInAsync(page, system.AppAUrl, system.Issuer, AliceUserName, AlicePassword);

        // The request that sent the browser off to sign in is where the trace starts.
        var trace = default(ActivityTraceId);
        IReadOnlyList<Activity> spans = [];
        await Eventually.TrueAsync(() =>
        {
            var start = activities.All.Where(activity => CapturedActivities.IsRequest(activity, system.AppAPort, "/account"))
                .OrderBy(activity => activity.StartTimeUtc).FirstOrDefault();
            trace = start?.TraceId ?? default;
            spans = start is null ? [] : activities.InTrace(trace);
            // The page after the sign-in calls Billing's API: the last span to end.
            return Task.FromResult(spans.Any(span => CapturedActivities.IsRequest(span, system.AppBPort, "/api/invoices")));
        }, TimeSpan.FromSeconds(10), "Billing's API answered within the sign-in trace");

        var described = string.Join(Environment.NewLine, spans.Select(CapturedActivities.Describe));
        // At the identity server: the authorization request and the sign-in page (GET and POST).
        Assert.Contains(spans, span => span.OperationName == "sso.authorize");
        Assert.Contains(spans, span => span.OperationName == "sso.sign_in");
        // Back at the app: the callback, its code redemption, and the server's token endpoint answering it.
        var callback = Assert.Single(spans, span => span.OperationName == "sso.sign_in.callback");
        var redemption = Assert.Single(spans, span => span.Kind == ActivityKind.Client
            && (span.GetTagItem("url.full") as string)?.Contains("/connect/token", StringComparison.Ordinal) == true);
        Assert.Equal(callback.SpanId, redemption.ParentSpanId);
        var tokenEndpoint = Assert.Single(spans, span => CapturedActivities.IsRequest(span, system.ServerPort, "/connect/token"));
        Assert.Equal(redemption.SpanId, tokenEndpoint.ParentSpanId);
        Assert.Contains(spans, span => CapturedActivities.IsRequest(span, system.ServerPort, "/connect/userinfo"));
        // And the page the person asked for, with the API call it made to Billing.
        Assert.Contains(spans, span => span.OperationName == "sso.sign_in.landing");
        Assert.True(spans.All(span => span.TraceId == trace), described);
    }

    [Fact]
    public async Task ACallbackWithAForgedState_StartsNoSignInTrace_AndShowsTheFailurePage()
    {
        using var activities = new CapturedActivities();
        using var http = new HttpClient { BaseAddress = system.AppAUrl };

        using var response = await http.GetAsync(
            $"signin-oidc?code=x&state={Uri.EscapeDataString("not-a-protected-state")}", TestContext.Current.CancellationToken);

        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}");
        Assert.EndsWith("/account/sign-in-failed", response.RequestMessage?.RequestUri?.AbsolutePath, StringComparison.Ordinal);
        var callback = activities.All.Single(activity => CapturedActivities.IsRequest(activity, system.AppAPort, "/signin-oidc"));
        Assert.DoesNotContain(activities.InTrace(callback.TraceId), span => span.OperationName.StartsWith("sso.sign_in", StringComparison.Ordinal));
    }
}
