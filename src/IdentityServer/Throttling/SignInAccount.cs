using Microsoft.AspNetCore.Identity;

namespace Sso.IdentityServer.Throttling;

/// <summary>
/// Finds the account a sign-in form post is for, before the rate limiter runs: its partitions are
/// chosen synchronously and cannot read a request body themselves. The form is read once and kept
/// by ASP.NET Core, so the sign-in page binds the same values.
/// </summary>
public static class SignInAccount
{
    /// <summary>The form field of <see cref="Accounts.LoginInput.UserName"/> on the sign-in page.</summary>
    public const string UserNameField = "Input.UserName";

    private static readonly object ItemKey = new();

    /// <summary>The normalised user name (as Identity looks it up), or null when the post named none.</summary>
    public static string? Get(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var account) ? account as string : null;

    public static IApplicationBuilder UseSignInAccount(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            if (ThrottledEndpoints.Classify(context.Request) == ThrottledEndpoint.SignIn && context.Request.HasFormContentType)
            {
                context.Items[ItemKey] = await ReadAsync(context);
            }

            await next(context);
        });

    private static async Task<string?> ReadAsync(HttpContext context)
    {
        // Hosting's unreadable-form guard has already read this form (and answered a body that is
        // none with 400), so this returns the form ASP.NET Core keeps for the request.
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var userName = form[UserNameField].ToString();
        return string.IsNullOrEmpty(userName)
            ? null
            : context.RequestServices.GetRequiredService<ILookupNormalizer>().NormalizeName(userName);
    }
}
