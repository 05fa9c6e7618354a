using Microsoft.AspNetCore.Identity;

namespace Sso.IdentityServer.Accounts;

/// <summary>A person who signs in at the identity server.</summary>
public sealed class SsoUser : IdentityUser
{
    /// <summary>The name shown to people and released in the <c>name</c> claim.</summary>
    public string? DisplayName { get; set; }
}
