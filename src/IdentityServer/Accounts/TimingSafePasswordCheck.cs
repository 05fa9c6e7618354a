using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Sso.IdentityServer.Accounts;

/// <summary>
/// Hashes the offered password against a dummy hash when the user name is unknown, so that the
/// response time does not tell an attacker which user names exist.
/// </summary>
public sealed class TimingSafePasswordCheck(IOptions<PasswordHasherOptions> options)
{
    private static readonly SsoUser Nobody = new() { UserName = "nobody" };
    private readonly PasswordHasher<SsoUser> _hasher = new(options);
    private string? _dummyHash;

    public void SpendTimeOfAFailedCheck(string password)
    {
        _dummyHash ??= _hasher.HashPassword(Nobody, Guid.NewGuid().ToString());
        _hasher.VerifyHashedPassword(Nobody, _dummyHash, password);
    }
}
