namespace Sso.RelyingParty.ProtectedApi;

/// <summary>Endpoint metadata: the bearer token must also be active at the identity server (introspection).</summary>
public sealed class ActiveTokenMetadata
{
    public static ActiveTokenMetadata Instance { get; } = new();

    private ActiveTokenMetadata()
    {
    }
}
