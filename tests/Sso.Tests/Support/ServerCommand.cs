using Microsoft.Extensions.Configuration;
using Sso.IdentityServer.CommandLine;

namespace Sso.Tests.Support;

/// <summary>Runs the server binary's command line in-process against a test system's database, as an operator would in a shell.</summary>
public static class ServerCommand
{
    public static async Task<(int ExitCode, string Output)> RunAsync(SsoSystem system, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(system);
        using var output = new StringWriter();
        var exitCode = await ServerCommandLine.RunAsync(args,
            configuration => configuration.AddInMemoryCollection(system.Database.Settings),
            output);
        return (exitCode, output.ToString());
    }

    /// <summary>The secret a command printed on the line after "Client secret".</summary>
    public static string SecretIn(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var lines = output.Split('\n', StringSplitOptions.TrimEntries);
        var label = Array.FindIndex(lines, line => line.StartsWith("Client secret", StringComparison.Ordinal));
        return label >= 0 && label + 1 < lines.Length ? lines[label + 1] : throw new InvalidOperationException($"No secret in: {output}");
    }
}
