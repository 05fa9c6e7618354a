namespace Sso.IdentityServer.MyAccount;

/// <summary>
/// Turns a User-Agent into the few words a person needs to recognise a session of theirs ("Chrome
/// on Linux"). Only a hint: the header is whatever the client sent, so it never decides anything.
/// </summary>
public static class DeviceDescription
{
    public const string Unknown = "Unknown device";

    // Order matters: Edge and Opera also say "Chrome", Chrome also says "Safari", and the iOS
    // browsers all say "Safari" with their own token first.
    private static readonly (string Token, string Name)[] Browsers =
    [
        ("Edg/", "Edge"), ("EdgA/", "Edge"), ("EdgiOS/", "Edge"),
        ("OPR/", "Opera"), ("Opera", "Opera"),
        ("SamsungBrowser/", "Samsung Internet"),
        ("Firefox/", "Firefox"), ("FxiOS/", "Firefox"),
        ("CriOS/", "Chrome"), ("HeadlessChrome/", "Chrome"), ("Chromium/", "Chromium"), ("Chrome/", "Chrome"),
        ("Version/", "Safari"),
    ];

    // Android and ChromeOS also say "Linux", iPhones and iPads also say "Mac OS X".
    private static readonly (string Token, string Name)[] Systems =
    [
        ("Windows", "Windows"),
        ("iPhone", "iPhone"), ("iPad", "iPad"),
        ("Android", "Android"),
        ("CrOS", "ChromeOS"),
        ("Macintosh", "macOS"), ("Mac OS X", "macOS"),
        ("Linux", "Linux"),
    ];

    public static string Of(string? userAgent)
    {
        if (string.IsNullOrWhiteSpace(userAgent))
        {
            return Unknown;
        }

        var browser = First(Browsers, userAgent);
        var system = First(Systems, userAgent);
        return (browser, system) switch
        {
            (null, null) => Unknown,
            (not null, null) => browser,
            (null, not null) => $"Unknown browser on {system}",
            _ => $"{browser} on {system}",
        };
    }

    private static string? First((string Token, string Name)[] candidates, string userAgent)
    {
        foreach (var (token, name) in candidates)
        {
            if (userAgent.Contains(token, StringComparison.Ordinal))
            {
                return name;
            }
        }

        return null;
    }
}
