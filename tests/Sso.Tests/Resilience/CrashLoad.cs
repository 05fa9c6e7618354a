using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Sso.Tests.Support;
using static Sso.Tests.Support.TestAccounts;

namespace Sso.Tests.Resilience;

/// <summary>
/// Concurrent traffic for a crash test: password sign-ins with the code flow, refresh chains, client
/// credentials and dynamic client registrations, each on its own worker. It records what the server
/// acknowledged (a completed sign-in, a 201 registration): those must survive a crash. Requests cut off
/// by the kill are not failures; anything that failed before it is.
/// </summary>
public sealed class CrashLoad(SsoSystem system) : IDisposable
{
    private static readonly string[] RegisteredGrantTypes = ["authorization_code", "refresh_token"];
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentBag<(OAuthTestClient Browser, TokenResponse Tokens)> _signedIn = [];
    private readonly ConcurrentBag<Registration> _registrations = [];
    private readonly ConcurrentQueue<string> _failures = new();
    private readonly List<Task> _workers = [];
    private int _signIns;
    private int _refreshes;
    private int _clientCredentials;
    private volatile bool _stopping;

    public sealed record Registration(string ClientId, string AccessToken, Uri Uri);

    public sealed record Counts(int SignIns, int Refreshes, int ClientCredentials, int Registrations);

    public sealed record Acknowledged(
        IReadOnlyList<(OAuthTestClient Browser, TokenResponse Tokens)> SignedIn,
        IReadOnlyList<Registration> Registrations,
        ConcurrentQueue<string> Failures);

    public Counts Done => new(_signIns, _refreshes, _clientCredentials, _registrations.Count);

    /// <summary>Starts the workers and returns once <paramref name="enough"/> holds (or fails after a minute).</summary>
    public async Task RunUntilAsync(Func<Counts, bool> enough)
    {
        _workers.Add(Worker(SignInAsync));
        _workers.Add(Worker(SignInAsync));
        _workers.Add(Worker(RefreshChainAsync));
        _workers.Add(Worker(RefreshChainAsync));
        _workers.Add(Worker(ClientCredentialsAsync));
        _workers.Add(Worker(RegisterAsync));
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!enough(Done))
        {
            if (DateTime.UtcNow > deadline || !_failures.IsEmpty)
            {
                throw new InvalidOperationException($"The load did not get going: {Done}; {string.Join("\n", _failures)}");
            }

            await Task.Delay(50);
        }
    }

    /// <summary>From now on errors are the kill's doing. Workers keep sending until the server is gone.</summary>
    public void Stop() => _stopping = true;

    public async Task<Acknowledged> DrainAsync()
    {
        await _stop.CancelAsync();
        await Task.WhenAll(_workers);
        return new Acknowledged([.. _signedIn], [.. _registrations], _failures);
    }

    public void Dispose()
    {
        foreach (var (browser, _) in _signedIn)
        {
            browser.Dispose();
        }

        _stop.Dispose();
    }

    private Task Worker(Func<Task> operation) => Task.Run(async () =>
    {
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await operation();
            }
            catch (Exception) when (_stopping)
            {
                // Cut off by the kill (a refused or reset connection): expected.
                return;
            }
            catch (Exception exception)
            {
                _failures.Enqueue(exception.Message);
                return;
            }
        }
    });

    private async Task SignInAsync()
    {
        var browser = system.CreateClient();
        var userName = Interlocked.Increment(ref _signIns) % 2 == 0 ? AliceUserName : BobUserName;
        var tokens = await browser.GetTokensAsync(userName, userName == AliceUserName ? AlicePassword : BobPassword, AppAScopes);
        _signedIn.Add((browser, tokens));
    }

    private async Task RefreshChainAsync()
    {
        using var client = system.CreateClient();
        var token = (await client.GetTokensAsync(BobUserName, BobPassword, AppAScopes)).RefreshToken!;
        while (!_stop.IsCancellationRequested)
        {
            var refreshed = await client.RefreshAsync(token);
            if (refreshed.RefreshToken is null)
            {
                throw new InvalidOperationException($"Refresh failed: {refreshed.Status} {refreshed.Body}");
            }

            token = refreshed.RefreshToken;
            Interlocked.Increment(ref _refreshes);
        }
    }

    private async Task ClientCredentialsAsync()
    {
        using var client = system.CreateClient(Reporting, ReportingSecret);
        while (!_stop.IsCancellationRequested)
        {
            var tokens = await client.ClientCredentialsAsync("orders.read");
            if (tokens.AccessToken is null)
            {
                throw new InvalidOperationException($"Client credentials failed: {tokens.Status} {tokens.Body}");
            }

            Interlocked.Increment(ref _clientCredentials);
        }
    }

    private async Task RegisterAsync()
    {
        using var http = new HttpClient { BaseAddress = system.Issuer };
        var serial = _registrations.Count;
        using var response = await http.PostAsJsonAsync("connect/register", new Dictionary<string, object>
        {
            ["client_name"] = "Crash test tool " + serial,
            ["redirect_uris"] = new[] { $"https://tool{serial}.example.com/callback" },
            ["grant_types"] = RegisteredGrantTypes,
            ["scope"] = "openid profile offline_access",
        });
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        if (response.StatusCode != HttpStatusCode.Created)
        {
            throw new InvalidOperationException($"Registration failed: {response.StatusCode} {body}");
        }

        _registrations.Add(new Registration(body.GetProperty("client_id").GetString()!, body.GetProperty("registration_access_token").GetString()!,
            new Uri(body.GetProperty("registration_client_uri").GetString()!)));
    }
}
