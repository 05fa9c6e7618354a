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

    /// <summary>
    /// The name in the <c>X-Sso-Instance</c> response header and in job leases. Defaults to the
    /// machine name and the port, which tells apart instances on one machine.
    /// </summary>
    [MaxLength(100)]
    public string? InstanceName { get; set; }

    /// <summary>
    /// Honour X-Forwarded-For and X-Forwarded-Proto, from a proxy on this machine (loopback) only.
    /// Turn on behind a local load balancer such as the cluster recipe's nginx.
    /// </summary>
    public bool TrustForwardedHeaders { get; set; }

    /// <summary>How long a stopping instance lets requests in flight finish (and background jobs stop).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan ShutdownTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>True when the server runs on plain http (Development on loopback only).</summary>
    public bool IsPlainHttp => Issuer is { IsAbsoluteUri: true, Scheme: "http" };
}
