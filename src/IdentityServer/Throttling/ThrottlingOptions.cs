namespace Sso.IdentityServer.Throttling;

/// <summary>
/// How many requests the server takes per window on the endpoints attackers aim at. The counts
/// live in each instance's memory: behind a load balancer with N instances a partition may make up
/// to N times the limit.
/// </summary>
public sealed class ThrottlingOptions
{
    public const string Section = "Throttling";

    /// <summary>
    /// Sign-in form posts from one client address, whatever the account: what stops one machine
    /// from trying one password against many accounts (password spraying).
    /// </summary>
    public ThrottleLimit SignInPerAddress { get; set; } = new(30, TimeSpan.FromMinutes(1));

    /// <summary>
    /// Sign-in form posts for one account (the normalised user name), from any address: what stops
    /// a botnet guessing one person's password. Lockout counts the failures besides.
    /// </summary>
    public ThrottleLimit SignInPerAccount { get; set; } = new(10, TimeSpan.FromMinutes(15));

    /// <summary>Token requests per client, counted once OpenIddict has authenticated the client.</summary>
    public ThrottleLimit TokenPerClient { get; set; } = new(1200, TimeSpan.FromMinutes(1));

    /// <summary>Dynamic registration and client configuration requests (RFC 7591/7592) per client address.</summary>
    public ThrottleLimit RegistrationPerAddress { get; set; } = new(20, TimeSpan.FromMinutes(1));

    /// <summary>Admin API requests per client address.</summary>
    public ThrottleLimit AdminApiPerAddress { get; set; } = new(120, TimeSpan.FromMinutes(1));

    /// <summary>Admin page requests per client address.</summary>
    public ThrottleLimit AdminPagesPerAddress { get; set; } = new(120, TimeSpan.FromMinutes(1));

    /// <summary>Every limit with its configuration key, for validation and the partitions.</summary>
    public IEnumerable<(string Key, ThrottleLimit? Limit)> Limits =>
    [
        (nameof(SignInPerAddress), SignInPerAddress),
        (nameof(SignInPerAccount), SignInPerAccount),
        (nameof(TokenPerClient), TokenPerClient),
        (nameof(RegistrationPerAddress), RegistrationPerAddress),
        (nameof(AdminApiPerAddress), AdminApiPerAddress),
        (nameof(AdminPagesPerAddress), AdminPagesPerAddress),
    ];
}
