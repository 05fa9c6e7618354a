namespace Sso.IdentityServer.MyAccount;

/// <summary>What the shared sessions table (_SessionTable.cshtml) shows: the rows and the label of each row's end button.</summary>
public sealed record SessionTable(IReadOnlyList<SessionView> Sessions, string EndButtonText);
