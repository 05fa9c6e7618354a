using System.ComponentModel.DataAnnotations;

namespace Sso.IdentityServer.Keys;

/// <summary>How the server's signing and encryption keys are made and rotated.</summary>
public sealed class ServerKeyOptions
{
    public const string Section = "Keys";

    /// <summary>JOSE algorithm of new signing keys: RS256 or ES256.</summary>
    [Required, AllowedValues("RS256", "ES256")]
    public string SigningAlgorithm { get; set; } = "RS256";

    /// <summary>Size of new RSA keys; RFC 8725 and SECURITY.md ask for at least 2048 bits.</summary>
    [Range(2048, 8192)]
    public int RsaKeySize { get; set; } = 2048;

    /// <summary>
    /// How long a rotated-in key is published before it signs, so that apps which cache the JWKS
    /// know it before they see a token signed with it.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan ActivationDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>
    /// How old the newest signing key may get before the server rotates by itself (once per
    /// cluster, under a job lease), so a leaked or worn key has a bounded life without an operator
    /// remembering to run <c>keys rotate</c>. Zero turns automatic rotation off.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "3650.00:00:00")]
    public TimeSpan RotationInterval { get; set; } = TimeSpan.FromDays(90);

    /// <summary>How often each instance re-reads the key table (rotations made elsewhere, activations).</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(1);
}
