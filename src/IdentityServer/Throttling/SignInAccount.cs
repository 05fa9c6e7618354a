using System.Security.Cryptography;
using System.Text;
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

    /// <summary>The account's partition key (see <see cref="PartitionKeyOf"/>), or null when the post named none.</summary>
    public static string? PartitionKey(HttpContext context) =>
        context.Items.TryGetValue(ItemKey, out var account) ? account as string : null;

    /// <summary>
    /// A SHA-256 of the normalised user name (as Identity looks it up). The limiter keeps a counter
    /// per key for its whole window (15 minutes by default), also for names that are no account:
    /// a fixed-size key stops made-up names of 64 KB each from growing the server's memory.
    /// </summary>
    public static string PartitionKeyOf(string normalizedUserName) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(normalizedUserName)));

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
            : PartitionKeyOf(context.RequestServices.GetRequiredService<ILookupNormalizer>().NormalizeName(userName));
    }
}
