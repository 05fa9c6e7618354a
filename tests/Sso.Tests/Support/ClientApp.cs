namespace Sso.Tests.Support;

/// <summary>The two relying apps of a test system.</summary>
public enum ClientApp
{
    /// <summary>Orders (ClientAppA), client-a.</summary>
    A,

    /// <summary>Billing (ClientAppB), client-b.</summary>
    B,
}
