namespace Sso.IdentityServer.Clients;

/// <summary>Which path registered a client. Configuration pruning (Seed:PruneClients) only ever deletes <see cref="Configuration"/> clients.</summary>
public enum ClientSource
{
    Unknown,
    Configuration,
    CommandLine,
    AdminApi,
    AdminPage,
    DynamicRegistration,
}
