using System.Text.RegularExpressions;

namespace Sso.Observability.Logging;

/// <summary>
/// Takes secrets out of text before it is logged: the values of OAuth parameters that are
/// credentials (in URLs and form bodies: <c>code=...</c>; in JSON: <c>"code_verifier": "..."</c>) and
/// anything shaped like a JWT. ASP.NET Core's request log prints whole URLs, so a callback's code or
/// an end-session request's <c>id_token_hint</c> would otherwise be written as is; OpenIddict prints
/// requests with its own redaction, which leaves <c>code_verifier</c> in.
/// </summary>
public static partial class SecretRedaction
{
    public const string Redacted = "[redacted]";

    /// <summary>The text with every secret replaced by <see cref="Redacted"/>; the same instance when there was none.</summary>
    public static string Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length < 8)
        {
            return text;
        }

        var redacted = text;
        if (redacted.Contains('=', StringComparison.Ordinal))
        {
            redacted = ParameterInUrlOrForm().Replace(redacted, Redacted);
        }

        if (redacted.Contains('"', StringComparison.Ordinal))
        {
            redacted = ParameterInJson().Replace(redacted, "${name}" + Redacted + "\"");
        }

        if (redacted.Contains("eyJ", StringComparison.Ordinal))
        {
            redacted = Jwt().Replace(redacted, Redacted);
        }

        return string.Equals(redacted, text, StringComparison.Ordinal) ? text : redacted;
    }

    /// <summary>
    /// Whether a structured log value of this name holds a secret (<c>{ReferenceId}</c> is OpenIddict's
    /// name for a reference token's handle, which is the token itself, logged at Trace).
    /// </summary>
    public static bool IsSecretName(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return SecretValueNames.Contains(name.Replace("_", "", StringComparison.Ordinal));
    }

    private static readonly HashSet<string> SecretValueNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "ReferenceId", "Code", "CodeVerifier", "ClientSecret", "ClientAssertion", "Assertion", "AccessToken", "RefreshToken",
        "IdToken", "IdTokenHint", "Token", "LogoutToken", "Password", "RegistrationAccessToken", "DeviceCode", "UserCode",
    };

    // Credentials of RFC 6749, 7009, 7636, 7662, 7591 and OpenID Connect (Core, RP-initiated and
    // back-channel logout). state, nonce and code_challenge are not: they prove nothing alone.
    private const string SecretParameters =
        "code|code_verifier|client_secret|client_assertion|assertion|access_token|refresh_token|id_token|id_token_hint|"
        + "token|logout_token|password|registration_access_token|device_code|user_code";

    [GeneratedRegex(@"(?<=(?:^|[?&\s;])(?:" + SecretParameters + @")=)[^&#\s""']+", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ParameterInUrlOrForm();

    [GeneratedRegex(@"(?<name>""(?:" + SecretParameters + @")""\s*:\s*"")(?:[^""\\]|\\.)*""", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ParameterInJson();

    // Header and payload are base64url JSON objects, so both start with "eyJ" ('{"').
    [GeneratedRegex(@"eyJ[A-Za-z0-9_-]{2,}\.eyJ[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]*")]
    private static partial Regex Jwt();
}
