using System.Diagnostics;
using System.Text;
using Xunit;

namespace Sso.Tests.Support;

/// <summary>
/// The identity server as its own operating-system process (<c>dotnet IdentityServer.dll</c>, the
/// build the tests reference), configured only through environment variables, as an operator runs
/// it. Unlike the in-process servers of <see cref="SsoSystem"/>, it can be killed outright
/// (<see cref="KillAsync"/> sends SIGKILL): no shutdown code runs, nothing is flushed.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process) => _process = process;

    public int Port { get; private init; }

    public bool HasExited => _process.HasExited;

    /// <summary>What the process wrote (stdout and stderr), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>
    /// Starts the server on <paramref name="port"/> with <paramref name="settings"/> (configuration keys such as
    /// <c>Database:SqlitePath</c>) and waits until it is ready. <paramref name="workingDirectory"/> becomes its
    /// content root: it holds a copy of the server's appsettings.json and nothing else, so no
    /// development settings (demo users, fixed ports) slip in.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(IReadOnlyDictionary<string, string?> settings, int port, string workingDirectory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        Directory.CreateDirectory(workingDirectory);
        File.Copy(Path.Combine(RepositoryRoot, "src", "IdentityServer", "appsettings.json"), Path.Combine(workingDirectory, "appsettings.json"), overwrite: true);

        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "IdentityServer.dll")])
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var name in new[] { "OTEL_EXPORTER_OTLP_ENDPOINT", TestDatabase.PostgresVariable, "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS" })
        {
            start.Environment.Remove(name);
        }

        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var server = new ServerProcess(process) { Port = port };
        process.OutputDataReceived += (_, line) => server.Append(line.Data);
        process.ErrorDataReceived += (_, line) => server.Append(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await server.WaitUntilReadyAsync();
        return server;
    }

    /// <summary>kill -9: the process ends at once, whatever it was doing.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: false);
        }

        await _process.WaitForExitAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Port}/"), Timeout = TimeSpan.FromSeconds(10) };
        var deadline = DateTime.UtcNow + StartTimeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The identity server process exited with {_process.ExitCode} during start-up:\n{Output}");
            }

            try
            {
                using var response = await http.GetAsync("health/ready", TestContext.Current.CancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (Exception exception) when (exception is HttpRequestException or TaskCanceledException)
            {
            }

            await Task.Delay(200, TestContext.Current.CancellationToken);
        }

        throw new InvalidOperationException($"The identity server process was not ready within {StartTimeout}:\n{Output}");
    }

    private static string RepositoryRoot
    {
        get
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Sso.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("Sso.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
