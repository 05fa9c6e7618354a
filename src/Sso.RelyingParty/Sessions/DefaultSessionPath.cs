using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Sso.RelyingParty.Sessions;

/// <summary>
/// Names the SQLite file after the app when configuration leaves it empty, so two apps started
/// from one folder never share (and overwrite) each other's sessions.
/// </summary>
internal sealed class DefaultSessionPath(IHostEnvironment environment) : IPostConfigureOptions<AppSessionOptions>
{
    public void PostConfigure(string? name, AppSessionOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.SqlitePath))
        {
            options.SqlitePath = Path.Combine(".data", $"{environment.ApplicationName.ToLowerInvariant()}-sessions.db");
        }
    }
}
