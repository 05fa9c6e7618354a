namespace Sso.IdentityServer.Clients;

/// <summary>One refusal: the field it is about and a message a person can act on.</summary>
public sealed record ClientValidationError(ClientField Field, string Message)
{
    /// <summary>RFC 7591 §3.2.2 gives redirection URIs their own error code, <c>invalid_redirect_uri</c>.</summary>
    public bool IsAboutRedirectUris => Field is ClientField.RedirectUris or ClientField.PostLogoutRedirectUris;

    public override string ToString() => Message;
}
