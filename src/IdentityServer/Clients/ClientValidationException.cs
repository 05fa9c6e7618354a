namespace Sso.IdentityServer.Clients;

/// <summary>A registration, change or deletion was refused; nothing was stored.</summary>
public sealed class ClientValidationException : Exception
{
    public ClientValidationException(IReadOnlyList<ClientValidationError> errors)
        : base(string.Join(" ", errors.Select(error => error.Message))) => Errors = errors;

    public ClientValidationException(ClientField field, string message)
        : this([new ClientValidationError(field, message)])
    {
    }

    public ClientValidationException()
        : this([])
    {
    }

    public ClientValidationException(string message)
        : base(message) => Errors = [];

    public ClientValidationException(string message, Exception innerException)
        : base(message, innerException) => Errors = [];

    public IReadOnlyList<ClientValidationError> Errors { get; }
}
