using System.Diagnostics;
using Sso.IdentityServer;
using Sso.Tests.Support;
using Xunit;

namespace Sso.Tests.Cluster;

/// <summary>
/// Two identity server instances on one PostgreSQL database behind nginx (round-robin, no
/// stickiness) on loopback; the issuer is nginx's URL. Needs <see cref="TestDatabase.PostgresVariable"/>
/// and the nginx binary (<c>.ci/run</c> provides both); without them the tests say so and skip.
/// </summary>
public class ClusterSystem : SsoSystem
{
    private readonly string _nginxDirectory = Directory.CreateTempSubdirectory("sso-nginx-").FullName;
    private readonly bool _secondAsProcess;
    private AppFactory<IdentityServerEntryPoint>? _second;
    private ServerProcess? _secondProcess;
    private Process? _nginx;

    public ClusterSystem()
        : this(withApps: false, secondAsProcess: false)
    {
    }

    /// <param name="withApps">Also run both client apps, whose authority is the balancer.</param>
    /// <param name="secondAsProcess">Run the second instance as its own OS process (<see cref="ServerProcess"/>), so it can be killed outright.</param>
    protected ClusterSystem(bool withApps, bool secondAsProcess)
        : base(withApps)
    {
        _secondAsProcess = secondAsProcess;
    }

    public int BalancerPort { get; } = FreePort.Next();

    public int SecondPort { get; } = FreePort.Next();

    public override Uri Issuer => new($"http://localhost:{BalancerPort}/");

    public Uri SecondUrl => new($"http://localhost:{SecondPort}/");

    public const string FirstName = "instance-1";

    public const string SecondName = "instance-2";

    private static readonly string[] NginxPaths = ["/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx"];

    private static string? Nginx => NginxPaths.FirstOrDefault(File.Exists);

    /// <summary>Why the cluster cannot run here, or null.</summary>
    public static string? Unavailable =>
        TestDatabase.PostgresServer is null ? $"Cluster tests need PostgreSQL: set {TestDatabase.PostgresVariable} (.ci/run does)."
        : Nginx is null ? "Cluster tests need nginx (apt-get install nginx; .ci/run does)."
        : null;

    public static void SkipUnlessAvailable()
    {
        if (Unavailable is { } reason)
        {
            Assert.Skip(reason);
        }
    }

    public override async ValueTask InitializeAsync()
    {
        if (Unavailable is not null)
        {
            return;
        }

        // One after the other, as cluster/run.sh does: the first migrates and seeds, the second finds it done.
        await base.InitializeAsync();
        await StartSecondAsync();
        await StartBalancerAsync();
    }

    /// <summary>
    /// Stops the second instance abruptly, as a crash or a redeploy would from the balancer's view; run
    /// as a process, it gets SIGKILL (kill -9) and no shutdown code runs.
    /// </summary>
    public async Task KillSecondAsync()
    {
        if (_second is not null)
        {
            await _second.DisposeAsync();
            _second = null;
        }

        if (_secondProcess is not null)
        {
            await _secondProcess.DisposeAsync();
            _secondProcess = null;
        }
    }

    /// <summary>A protocol client talking to one instance directly, bypassing the balancer.</summary>
    public OAuthTestClient CreateClientAt(Uri instance, string clientId, string? clientSecret) =>
        new(instance, clientId, clientSecret, RedirectUriOf(clientId));

    protected override void ConfigureServer(IDictionary<string, string?> settings)
    {
        settings["Server:InstanceName"] = FirstName;
        settings["Server:TrustForwardedHeaders"] = "true";
        // Logout notices are polled for by the lease holder; keep the wait short in tests.
        settings["BackChannelLogout:PollInterval"] = "00:00:00.500";
    }

    public override async ValueTask DisposeAsync()
    {
        if (_nginx is { HasExited: false })
        {
            _nginx.Kill(entireProcessTree: true);
            await _nginx.WaitForExitAsync(CancellationToken.None);
        }

        _nginx?.Dispose();
        await KillSecondAsync();
        await base.DisposeAsync();
        try
        {
            Directory.Delete(_nginxDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Left to the OS's temp cleaning.
        }

        GC.SuppressFinalize(this);
    }

    private async Task StartSecondAsync()
    {
        var settings = ServerSettings();
        settings["Server:InstanceName"] = SecondName;
        if (_secondAsProcess)
        {
            _secondProcess = await ServerProcess.StartAsync(settings, SecondPort, Path.Combine(_nginxDirectory, "second"));
            return;
        }

        _second = await new AppFactory<IdentityServerEntryPoint>(settings).StartAsync(SecondPort);
    }

    private async Task StartBalancerAsync()
    {
        var config = Path.Combine(_nginxDirectory, "nginx.conf");
        var run = _nginxDirectory;
        await File.WriteAllTextAsync(config, $$"""
            worker_processes 1;
            pid {{run}}/nginx.pid;
            error_log {{run}}/error.log warn;
            events { worker_connections 256; }
            http {
              access_log off;
              client_body_temp_path {{run}}/body;
              proxy_temp_path {{run}}/proxy;
              fastcgi_temp_path {{run}}/fastcgi;
              uwsgi_temp_path {{run}}/uwsgi;
              scgi_temp_path {{run}}/scgi;
              upstream sso {
                server 127.0.0.1:{{ServerPort}} max_fails=1 fail_timeout=5s;
                server 127.0.0.1:{{SecondPort}} max_fails=1 fail_timeout=5s;
              }
              server {
                listen 127.0.0.1:{{BalancerPort}};
                location / {
                  proxy_pass http://sso;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_set_header Host $http_host;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_set_header X-Forwarded-Proto $scheme;
                  proxy_next_upstream error timeout http_502 http_503;
                  proxy_connect_timeout 2s;
                }
              }
            }
            """, TestContext.Current.CancellationToken);
        _nginx = Process.Start(new ProcessStartInfo(Nginx!, ["-c", config, "-g", "daemon off;"])
        {
            RedirectStandardError = true,
            UseShellExecute = false,
        }) ?? throw new InvalidOperationException("nginx did not start.");

        using var http = new HttpClient { BaseAddress = Issuer };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                using var response = await http.GetAsync("health/live", TestContext.Current.CancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (attempt < 100 && !_nginx.HasExited)
            {
            }

            if (_nginx.HasExited)
            {
                throw new InvalidOperationException("nginx exited: " + await _nginx.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken));
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }
}

/// <summary>The cluster with both client apps, whose authority is the balancer: for people's journeys in a browser.</summary>
public sealed class ClusterWithAppsSystem() : ClusterSystem(withApps: true, secondAsProcess: false);

/// <summary>The cluster whose second instance is its own OS process, for kill -9; open registration lets the load create clients.</summary>
public sealed class ClusterWithProcessSystem() : ClusterSystem(withApps: false, secondAsProcess: true)
{
    protected override void ConfigureServer(IDictionary<string, string?> settings)
    {
        base.ConfigureServer(settings);
        settings["Registration:AllowOpenRegistration"] = "true";
    }
}
