using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Sso.RelyingParty.Sessions;

/// <summary>
/// Keeps the session ticket (claims, access and refresh tokens) on the server; the cookie carries
/// only a random key. Cookies stay small (no chunking), and a session can be ended from outside
/// the browser, by its OpenID Connect <c>sid</c> or <c>sub</c> (back-channel logout).
/// </summary>
/// <remarks>
/// <para>
/// The key is 256 random bits; only its SHA-256 hash is stored, so the file alone does not give
/// anyone a usable cookie. The ticket holds tokens, so it is encrypted with this app's data
/// protection key ring before it is written.
/// </para>
/// <para>
/// A sign-in always gets a new key. The cookie handler signs in over a session it has read by
/// renewing it under the same key, so a key planted in the browser before the sign-in (session
/// fixation, OWASP ASVS 5 V7.2) would become the new session's. So on the sign-in callback the
/// browser's current session is set aside: the new ticket is stored under a new key and the old
/// session is ended once the new one exists.
/// </para>
/// </remarks>
public sealed class SessionTicketStore : ITicketStore
{
    private const string Purpose = "Sso.RelyingParty.Sessions.Ticket.v1";
    private const string SessionIdClaim = "sid";
    private const string SubjectClaim = "sub";
    private const string ReplacedKeyItem = "Sso.RelyingParty.ReplacedSessionKey";

    private readonly AppSessions _sessions;
    private readonly IDataProtector _protector;
    private readonly IOptionsMonitor<CookieAuthenticationOptions> _cookieOptions;
    private readonly IOptionsMonitor<OpenIdConnectOptions> _oidcOptions;
    private readonly TimeProvider _time;
    private readonly ILogger<SessionTicketStore> _logger;

    public SessionTicketStore(
        AppSessions sessions,
        IDataProtectionProvider dataProtection,
        IOptionsMonitor<CookieAuthenticationOptions> cookieOptions,
        IOptionsMonitor<OpenIdConnectOptions> oidcOptions,
        TimeProvider time,
        ILogger<SessionTicketStore> logger)
    {
        ArgumentNullException.ThrowIfNull(dataProtection);
        _sessions = sessions;
        _protector = dataProtection.CreateProtector(Purpose);
        _cookieOptions = cookieOptions;
        _oidcOptions = oidcOptions;
        _time = time;
        _logger = logger;
    }

    public async Task<string> StoreAsync(AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        var key = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await _sessions.InsertAsync(Hash(key), Row(ticket), cancellationToken).ConfigureAwait(false);
        if (httpContext?.Items[ReplacedKeyItem] is string replaced)
        {
            await _sessions.DeleteAsync(Hash(replaced), cancellationToken).ConfigureAwait(false);
        }

        return key;
    }

    public async Task RenewAsync(string key, AuthenticationTicket ticket, HttpContext httpContext, CancellationToken cancellationToken)
    {
        // Called when the cookie slides and when renewed tokens are saved. Never recreates a row:
        // a session ended meanwhile (back-channel logout, sign-out in another tab) stays ended.
        if (!await _sessions.UpdateAsync(Hash(key), Row(ticket), cancellationToken).ConfigureAwait(false))
        {
            _logger.LogInformation("A session ended while one of its requests was renewing it; it stays ended.");
        }
    }

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken)
    {
        if (httpContext is not null && IsSignInCallback(httpContext.Request))
        {
            // Set aside (see remarks); remembered so that the sign-in ends it.
            httpContext.Items[ReplacedKeyItem] = key;
            return null;
        }

        var protectedTicket = await _sessions.ReadTicketAsync(Hash(key), cancellationToken).ConfigureAwait(false);
        if (protectedTicket is null)
        {
            return null;
        }

        try
        {
            return TicketSerializer.Default.Deserialize(_protector.Unprotect(protectedTicket));
        }
        catch (CryptographicException exception)
        {
            // The key ring lost the key that wrote it: the person simply signs in again.
            _logger.LogWarning(exception, "A stored session could not be decrypted; treating it as ended.");
            return null;
        }
    }

    public Task RemoveAsync(string key, HttpContext httpContext, CancellationToken cancellationToken) =>
        _sessions.DeleteAsync(Hash(key), cancellationToken);

    // The cookie handler always passes the request; the other overloads serve other callers.
    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken) =>
        StoreAsync(ticket, null!, cancellationToken);

    public Task RenewAsync(string key, AuthenticationTicket ticket) => RenewAsync(key, ticket, CancellationToken.None);

    public Task RenewAsync(string key, AuthenticationTicket ticket, CancellationToken cancellationToken) =>
        RenewAsync(key, ticket, null!, cancellationToken);

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken) =>
        RetrieveAsync(key, null!, cancellationToken);

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => RemoveAsync(key, null!, cancellationToken);

    private bool IsSignInCallback(HttpRequest request) =>
        request.Path.Equals(_oidcOptions.Get(OpenIdConnectDefaults.AuthenticationScheme).CallbackPath, StringComparison.OrdinalIgnoreCase);

    private SessionRow Row(AuthenticationTicket ticket)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        // The cookie handler sets ExpiresUtc before storing; the fallback is its own lifetime.
        var expiresAt = ticket.Properties.ExpiresUtc
            ?? _time.GetUtcNow().Add(_cookieOptions.Get(CookieAuthenticationDefaults.AuthenticationScheme).ExpireTimeSpan);
        return new SessionRow(
            NullIfEmpty(ticket.Principal.FindFirst(SessionIdClaim)?.Value),
            NullIfEmpty(ticket.Principal.FindFirst(SubjectClaim)?.Value),
            expiresAt,
            _protector.Protect(TicketSerializer.Default.Serialize(ticket)));
    }

    private static string Hash(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
}
