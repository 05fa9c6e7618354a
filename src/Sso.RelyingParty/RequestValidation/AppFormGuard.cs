using Microsoft.AspNetCore.Builder;
using Sso.Hardening;
using Sso.RelyingParty.SignIn;

namespace Sso.RelyingParty.RequestValidation;

public static class AppFormGuard
{
    /// <summary>
    /// <see cref="UnreadableFormGuard"/> for an app: the back-channel logout endpoint and the APIs are
    /// called by programs; the apps have no status code pages, so people get a line of text.
    /// </summary>
    public static IApplicationBuilder UseSsoUnreadableFormGuard(this IApplicationBuilder app) =>
        app.UseUnreadableFormGuard(
            path => path.StartsWithSegments(SsoPaths.BackChannelLogout) || path.StartsWithSegments("/api"),
            "The form could not be read. Go back, reload the page and try again.");
}
