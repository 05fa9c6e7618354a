namespace Sso.IdentityServer.Clients;

/// <summary>A scope change was refused; <see cref="Field"/> is "name", "displayName", "description" or "resources".</summary>
public sealed class ScopeValidationException : Exception
{
    public ScopeValidationException(string field, string message)
        : base(message) => Field = field;

    public ScopeValidationException()
        : this("name", "The scope is not valid.")
    {
    }

    public ScopeValidationException(string message)
        : this("name", message)
    {
    }

    public ScopeValidationException(string message, Exception innerException)
        : base(message, innerException) => Field = "name";

    public string Field { get; }
}
