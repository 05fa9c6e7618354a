using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Sso.IdentityServer.Data;
using Sso.IdentityServer.Hosting;
using Sso.IdentityServer.Protocol;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sso.IdentityServer.Accounts;

public static class AccountExtensions
{
    /// <summary>The cookie name over https; the prefix makes browsers insist on Secure, Path=/ and no Domain.</summary>
    public const string SecureSessionCookieName = "__Host-sso.session";

    /// <summary>The cookie name on plain http (Development), where a __Host- cookie would be refused.</summary>
    public const string PlainSessionCookieName = "sso.session";

    /// <summary>Accounts with ASP.NET Core Identity: password hashing, lockout, security stamp, the session cookie.</summary>
    public static IServiceCollection AddAccounts(this IServiceCollection services)
    {
        services.AddOptions<AccountOptions>()
            .BindConfiguration(AccountOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();

        services.AddIdentity<SsoUser, IdentityRole>()
            .AddEntityFrameworkStores<SsoDbContext>()
            .AddDefaultTokenProviders();

        services.AddOptions<IdentityOptions>().Configure<IOptions<AccountOptions>>((identity, accounts) =>
        {
            identity.Password.RequiredLength = accounts.Value.MinimumPasswordLength;
            identity.Password.RequireDigit = false;
            identity.Password.RequireLowercase = false;
            identity.Password.RequireUppercase = false;
            identity.Password.RequireNonAlphanumeric = false;
            identity.Password.RequiredUniqueChars = 1;
            identity.Lockout.MaxFailedAccessAttempts = accounts.Value.MaxFailedSignIns;
            identity.Lockout.DefaultLockoutTimeSpan = accounts.Value.LockoutDuration;
            identity.Lockout.AllowedForNewUsers = true;
            identity.ClaimsIdentity.UserIdClaimType = Claims.Subject;
            identity.ClaimsIdentity.UserNameClaimType = Claims.Name;
            identity.ClaimsIdentity.RoleClaimType = Claims.Role;
        });

        // Hashes made with fewer iterations are re-hashed at the next successful sign-in.
        services.AddOptions<PasswordHasherOptions>().Configure<IOptions<AccountOptions>>((hasher, accounts) =>
        {
            hasher.CompatibilityMode = PasswordHasherCompatibilityMode.IdentityV3;
            hasher.IterationCount = accounts.Value.PasswordHashIterations;
        });

        services.AddOptions<SecurityStampValidatorOptions>().Configure<IOptions<AccountOptions>>((validator, accounts) =>
        {
            validator.ValidationInterval = accounts.Value.SecurityStampValidationInterval;
            // Re-validation rebuilds the principal from the database; keep when the person signed
            // in and which session this is.
            validator.OnRefreshingPrincipal = context =>
            {
                if (context.NewPrincipal?.Identity is ClaimsIdentity identity)
                {
                    foreach (var type in (string[])[Claims.AuthenticationTime, SsoClaimTypes.SessionId])
                    {
                        if (context.CurrentPrincipal?.FindFirst(type) is { } kept)
                        {
                            identity.AddClaim(new Claim(type, kept.Value, kept.ValueType));
                        }
                    }
                }

                return Task.CompletedTask;
            };
        });

        services.AddOptions<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .Configure<IOptions<ServerOptions>>((cookie, server) =>
            {
                var https = !server.Value.IsPlainHttp;
                cookie.Cookie.Name = https ? SecureSessionCookieName : PlainSessionCookieName;
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                cookie.LoginPath = AccountRoutes.Login;
                cookie.LogoutPath = "/" + ProtocolRoutes.EndSession;
                // Signed in but not allowed (a non-admin on an admin page): answer 403 in place, which
                // the status-code pages render as a friendly page, rather than a sign-in form that
                // would only sign the same person in again.
                cookie.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            });

        services.AddSingleton<TimingSafePasswordCheck>();
        services.AddScoped<AccountRevocation>();
        services.AddScoped<SessionSignIn>();
        return services;
    }
}
