using System.ComponentModel.DataAnnotations;

namespace Sso.IdentityServer.Data;

/// <summary>Where the server keeps its state. SQLite is the embedded default.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Path of the SQLite file, relative to the content root unless absolute.</summary>
    [Required(AllowEmptyStrings = false)]
    public string SqlitePath { get; set; } = ".data/sso.db";
}
