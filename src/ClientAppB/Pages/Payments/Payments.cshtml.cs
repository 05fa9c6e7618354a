using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using Sso.ClientAppB.Payments;
using Sso.RelyingParty.SignIn;

namespace Sso.ClientAppB.Pages.Payments;

/// <summary>
/// The person's payments: a sensitive page that needs a recent sign-in. When the last one is older
/// than "Payments:MaxSignInAge", the identity server is asked to check the password again (max_age),
/// even though the single sign-on session is alive. If it comes back without doing so, the page
/// says so rather than asking again in a loop.
/// </summary>
[Authorize]
public sealed class PaymentsModel(IOptions<PaymentsOptions> options, TimeProvider time) : PageModel
{
    public const string PagePath = "/payments";

    public IReadOnlyList<Payment> Payments { get; private set; } = [];

    public DateTimeOffset? SignedInAt { get; private set; }

    public bool StepUpFailed { get; private set; }

    public TimeSpan MaxSignInAge => options.Value.MaxSignInAge;

    public async Task<IActionResult> OnGetAsync()
    {
        var session = await HttpContext.AuthenticateAsync();
        if (!session.Succeeded || session.Principal is not { } user)
        {
            return Challenge();
        }

        var settings = options.Value;
        var now = time.GetUtcNow();
        SignedInAt = RecentSignIn.AuthTime(user);
        switch (RecentSignIn.Evaluate(session, now, settings.MaxSignInAge, settings.ClockSkew))
        {
            case SignInFreshness.Fresh:
                Payments = PaymentLedger.For(user.FindFirst("sub")?.Value ?? "", now);
                return Page();

            case SignInFreshness.TooOld:
                return Challenge(RecentSignIn.StepUpChallenge(PagePath, settings.MaxSignInAge, now), OpenIdConnectDefaults.AuthenticationScheme);

            default:
                StepUpFailed = true;
                return Page();
        }
    }
}
