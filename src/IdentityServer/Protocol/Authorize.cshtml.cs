using System.Collections.Immutable;
using Microsoft.AspNetCore;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Sso.IdentityServer.Accounts;
using Sso.IdentityServer.Sessions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sso.IdentityServer.Protocol;

/// <summary>
/// The authorization endpoint. OpenIddict has validated the client, redirect URI, PKCE and scopes
/// before this runs (and answered bad requests itself); here we decide who the person is, whether
/// they must sign in again, and whether they consented, then hand OpenIddict the principal.
/// </summary>
[AllowAnonymous]
[IgnoreAntiforgeryToken] // a client may POST the request itself (OIDC Core §3.1.2.1); consent decisions are checked below
public sealed class AuthorizeModel(
    UserManager<SsoUser> users,
    SignInManager<SsoUser> signIn,
    IOpenIddictApplicationManager applications,
    IOpenIddictAuthorizationManager authorizations,
    IOpenIddictScopeManager scopes,
    TokenPrincipalFactory principals,
    UserSessions sessions,
    IAntiforgery antiforgery,
    TimeProvider time) : PageModel
{
    private const string Accept = "accept";
    private const string Deny = "deny";

    public string ApplicationName { get; private set; } = "";

    public string UserName { get; private set; } = "";

    public IReadOnlyList<ScopeDescription> RequestedScopes { get; private set; } = [];

    public IReadOnlyList<KeyValuePair<string, string>> FormFields { get; private set; } = [];

    public Task<IActionResult> OnGetAsync(CancellationToken cancellationToken) => AuthorizeAsync(decision: null, cancellationToken);

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        string? decision = Request.Form[RequestParameters.DecisionField];
        if (decision is not null && !await antiforgery.IsRequestValidAsync(HttpContext))
        {
            return BadRequest();
        }

        return await AuthorizeAsync(decision, cancellationToken);
    }

    private async Task<IActionResult> AuthorizeAsync(string? decision, CancellationToken cancellationToken)
    {
        var request = HttpContext.GetOpenIddictServerRequest()
            ?? throw new InvalidOperationException("The OpenIddict server request cannot be retrieved.");

        var session = await HttpContext.AuthenticateAsync(IdentityConstants.ApplicationScheme);
        var user = session.Principal is { } cookie ? await users.GetUserAsync(cookie) : null;
        var authenticatedAt = AuthenticationTimeClaim.Read(session.Principal);
        var sessionId = session.Principal?.FindFirst(SsoClaimTypes.SessionId)?.Value;
        if (user is null || authenticatedAt is null || sessionId is null || !await signIn.CanSignInAsync(user) || await users.IsLockedOutAsync(user)
            || MustSignInAgain(request, authenticatedAt.Value))
        {
            if (request.HasPromptValue(PromptValues.None))
            {
                return Forbid(Errors.LoginRequired, "The user is not signed in.");
            }

            // The sign-in about to happen satisfies prompt=login and max_age, so they are not sent
            // round again (which would loop); the client checks auth_time in the ID token.
            var returnUrl = RequestParameters.AsLocalUrl(Request, Parameters.Prompt, Parameters.MaxAge);
            return Challenge(new AuthenticationProperties { RedirectUri = returnUrl }, IdentityConstants.ApplicationScheme);
        }

        var application = await applications.FindByClientIdAsync(request.ClientId!, cancellationToken)
            ?? throw new InvalidOperationException("OpenIddict let through an unknown client.");

        if (decision == Deny)
        {
            return Forbid(Errors.AccessDenied, "The user denied the request.");
        }

        var consentType = await applications.GetConsentTypeAsync(application, cancellationToken);
        var applicationId = await applications.GetIdAsync(application, cancellationToken);
        var consented = consentType == ConsentTypes.Implicit
            || decision == Accept
            || (!request.HasPromptValue(PromptValues.Consent)
                && await HasConsentedAsync(user.Id, applicationId!, request.GetScopes(), cancellationToken));
        if (!consented)
        {
            if (request.HasPromptValue(PromptValues.None) || consentType == ConsentTypes.External)
            {
                return Forbid(Errors.ConsentRequired, "The user must consent to this request.");
            }

            await ShowConsentAsync(application, user, request.GetScopes(), cancellationToken);
            return Page();
        }

        var principal = await principals.CreateForUserAsync(user, request.GetScopes(), authenticatedAt.Value, sessionId, cancellationToken);
        if (decision == Accept)
        {
            // The consent is remembered as a permanent authorization, apart from the tokens'.
            await authorizations.CreateAsync(principal, user.Id, applicationId!, AuthorizationTypes.Permanent,
                request.GetScopes(), cancellationToken);
        }

        // The tokens get an ad-hoc authorization of their own per flow, so revoking one chain
        // (replay) does not touch the others; the session remembers it, so that ending the session
        // revokes it and tells this app.
        var authorization = await authorizations.CreateAsync(principal, user.Id, applicationId!, AuthorizationTypes.AdHoc,
            request.GetScopes(), cancellationToken);
        var authorizationId = await authorizations.GetIdAsync(authorization, cancellationToken);
        principal.SetAuthorizationId(authorizationId);
        await sessions.RecordClientAsync(sessionId, request.ClientId!, authorizationId!, cancellationToken);

        return SignIn(principal, OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
    }

    private bool MustSignInAgain(OpenIddictRequest request, DateTimeOffset authenticatedAt) =>
        request.HasPromptValue(PromptValues.Login)
        || (request.MaxAge is long maxAge && time.GetUtcNow() - authenticatedAt > TimeSpan.FromSeconds(maxAge));

    private async Task<bool> HasConsentedAsync(string subject, string applicationId, ImmutableArray<string> requested, CancellationToken cancellationToken)
    {
        await foreach (var _ in authorizations.FindAsync(subject, applicationId, Statuses.Valid, AuthorizationTypes.Permanent, requested, cancellationToken))
        {
            return true;
        }

        return false;
    }

    private async Task ShowConsentAsync(object application, SsoUser user, ImmutableArray<string> requested, CancellationToken cancellationToken)
    {
        ApplicationName = await applications.GetLocalizedDisplayNameAsync(application, cancellationToken) ?? "An application";
        UserName = user.DisplayName ?? user.UserName ?? "";
        RequestedScopes = await ScopeDescription.DescribeAsync(scopes, requested, cancellationToken);
        FormFields = RequestParameters.Of(Request);
    }

    private ForbidResult Forbid(string error, string description) =>
        Forbid(ProtocolErrors.Properties(error, description), OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
}
