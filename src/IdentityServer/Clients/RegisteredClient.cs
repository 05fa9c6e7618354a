namespace Sso.IdentityServer.Clients;

/// <summary>A stored client as the paths show it: its definition, where it came from, whether it has a secret (never the secret).</summary>
public sealed record RegisteredClient(ClientDefinition Definition, ClientSource Source, bool HasSecret)
{
    public string ClientId => Definition.ClientId;
}
