using System.ComponentModel.DataAnnotations;

namespace Sso.IdentityServer.Hosting;

/// <summary>Where the server is reached from outside.</summary>
public sealed class ServerOptions
{
    public const string Section = "Server";

    /// <summary>
    /// The issuer, exactly as published in discovery and in every token's <c>iss</c>. Set it
    /// explicitly rather than trusting the Host header of each request.
    /// </summary>
    [Required]
    public Uri? Issuer { get; set; }

    /// <summary>True when the server runs on plain http (Development on loopback only).</summary>
    public bool IsPlainHttp => Issuer is { IsAbsoluteUri: true, Scheme: "http" };
}
