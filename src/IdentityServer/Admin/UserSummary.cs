namespace Sso.IdentityServer.Admin;

/// <summary>One line of the user search.</summary>
public sealed record UserSummary(string Id, string? UserName, string? DisplayName, string? Email, LockoutState State);
