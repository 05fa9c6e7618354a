using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenIddict.Abstractions;

// bench/tool: what bench/run.sh cannot do from the shell.
//   prune DB DAYS SECONDS  runs OpenIddict's token then authorization pruning (what a scheduled job
//                   would call) on the SQLite file DB with a threshold of DAYS days, each for at
//                   most SECONDS seconds, and prints JSON: rows removed (counted before and after,
//                   so a pass stopped by the time limit counts too), seconds, and so the rate
//   crypto          prints the CPU cost of each cryptographic operation the server does per request
return args switch
{
    ["prune", var path, var days, var seconds] => await Prune.RunAsync(path,
        int.Parse(days, CultureInfo.InvariantCulture), double.Parse(seconds, CultureInfo.InvariantCulture)),
    ["crypto"] => Crypto.Run(),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: Sso.Bench.Tool prune DB DAYS SECONDS | crypto");
    return 2;
}

/// <summary>The OpenIddict tables of the server's database, mapped the way the server maps them (UseOpenIddict defaults).</summary>
internal sealed class OpenIddictOnlyContext(DbContextOptions<OpenIddictOnlyContext> options) : DbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.UseOpenIddict();
}

internal static class Prune
{
    public static async Task<int> RunAsync(string path, int days, double budgetSeconds)
    {
        var services = new ServiceCollection()
            .AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .AddDbContext<OpenIddictOnlyContext>(options =>
            {
                options.UseSqlite(new SqliteConnectionStringBuilder { DataSource = path, DefaultTimeout = 30 }.ToString())
                    .UseOpenIddict();
                // BENCH_SQL_LOG=1 prints the SQL that pruning runs (for PROFILE.md).
                if (Environment.GetEnvironmentVariable("BENCH_SQL_LOG") == "1")
                {
                    options.LogTo(Console.Error.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]);
                }
            });
        services.AddOpenIddict().AddCore(core => core.UseEntityFrameworkCore().UseDbContext<OpenIddictOnlyContext>());
        await using var provider = services.BuildServiceProvider();
        var threshold = DateTimeOffset.UtcNow.AddDays(-days);

        var (tokensBefore, authorizationsBefore) = await CountAsync(provider);
        var (tokenSeconds, tokensFinished) = await TimedAsync(provider, budgetSeconds,
            (scope, cancel) => scope.GetRequiredService<IOpenIddictTokenManager>().PruneAsync(threshold, cancel));
        var (tokensAfter, _) = await CountAsync(provider);
        var (authorizationSeconds, authorizationsFinished) = await TimedAsync(provider, budgetSeconds,
            (scope, cancel) => scope.GetRequiredService<IOpenIddictAuthorizationManager>().PruneAsync(threshold, cancel));
        var (_, authorizationsAfter) = await CountAsync(provider);

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"threshold_days\": {days}, \"budget_seconds\": {budgetSeconds}, " +
            $"\"tokens_before\": {tokensBefore}, \"tokens_after\": {tokensAfter}, \"token_seconds\": {tokenSeconds:F3}, " +
            $"\"tokens_finished\": {(tokensFinished ? "true" : "false")}, " +
            $"\"authorizations_before\": {authorizationsBefore}, \"authorizations_after\": {authorizationsAfter}, " +
            $"\"authorization_seconds\": {authorizationSeconds:F3}, \"authorizations_finished\": {(authorizationsFinished ? "true" : "false")}}}"));
        return 0;
    }

    /// <summary>Runs one pruning pass until it ends or the time is up; true when it ended by itself.</summary>
    private static async Task<(double Seconds, bool Finished)> TimedAsync(IServiceProvider provider, double budgetSeconds,
        Func<IServiceProvider, CancellationToken, ValueTask<long>> prune)
    {
        await using var scope = provider.CreateAsyncScope();
        using var budget = new CancellationTokenSource(TimeSpan.FromSeconds(budgetSeconds));
        var clock = Stopwatch.StartNew();
        try
        {
            await prune(scope.ServiceProvider, budget.Token);
            return (clock.Elapsed.TotalSeconds, true);
        }
        catch (OperationCanceledException)
        {
            return (clock.Elapsed.TotalSeconds, false);
        }
    }

    private static async Task<(long Tokens, long Authorizations)> CountAsync(IServiceProvider provider)
    {
        await using var scope = provider.CreateAsyncScope();
        var tokens = scope.ServiceProvider.GetRequiredService<IOpenIddictTokenManager>();
        var authorizations = scope.ServiceProvider.GetRequiredService<IOpenIddictAuthorizationManager>();
        return (await tokens.CountAsync(), await authorizations.CountAsync());
    }
}

internal static class Crypto
{
    public static int Run()
    {
        var secret = Encoding.UTF8.GetBytes(Convert.ToHexString(RandomNumberGenerator.GetBytes(32)));
        var salt = RandomNumberGenerator.GetBytes(16);
        var data = RandomNumberGenerator.GetBytes(600);
        using var rsa = RSA.Create(2048);
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rsaSignature = rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var ecdsaSignature = ecdsa.SignData(data, HashAlgorithmName.SHA256);
        using var aes = Aes.Create();
        var hasher = new PasswordHasher<string>(Options.Create(new PasswordHasherOptions { IterationCount = 210_000 }));
        var passwordHash = hasher.HashPassword("user", "bench-passphrase-0");

        Console.WriteLine("{");
        Measure("pbkdf2_sha256_10000_ms", "OpenIddict client secret check (PBKDF2-HMAC-SHA256, 10,000 iterations)",
            () => Rfc2898DeriveBytes.Pbkdf2(secret, salt, 10_000, HashAlgorithmName.SHA256, 32));
        Measure("password_verify_ms", "Identity password check (PBKDF2-HMAC-SHA512, 210,000 iterations)",
            () => hasher.VerifyHashedPassword("user", passwordHash, "bench-passphrase-0"));
        Measure("rs256_sign_ms", "RS256 signature (RSA 2048, PKCS#1 v1.5, SHA-256)",
            () => rsa.SignData(data, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Measure("rs256_verify_ms", "RS256 verification",
            () => rsa.VerifyData(data, rsaSignature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
        Measure("es256_sign_ms", "ES256 signature (P-256, SHA-256)", () => ecdsa.SignData(data, HashAlgorithmName.SHA256));
        Measure("es256_verify_ms", "ES256 verification", () => ecdsa.VerifyData(data, ecdsaSignature, HashAlgorithmName.SHA256));
        Measure("sha256_ms", "SHA-256 of a 32-byte secret (a fast secret check)", () => SHA256.HashData(secret.AsSpan(0, 32)));
        Measure("aes_cbc_hmac_2kb_ms", "AES-256-CBC of 2 KB + HMAC-SHA512 (a reference token payload)", () =>
        {
            var cipher = aes.EncryptCbc(data.AsSpan().ToArray().Concat(data).Concat(data).Concat(data).ToArray(), new byte[16]);
            HMACSHA512.HashData(secret, cipher);
        }, last: true);
        Console.WriteLine("}");
        return 0;
    }

    private static void Measure(string name, string what, Action action, bool last = false)
    {
        for (var i = 0; i < 3; i++)
        {
            action();
        }

        // Run for about half a second of CPU, whatever the operation's cost.
        var rounds = 0;
        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        while (clock.ElapsedMilliseconds < 500 || rounds < 5)
        {
            action();
            rounds++;
        }

        var cpuMs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMilliseconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  \"{name}\": {{\"what\": \"{what}\", \"cpu_ms\": {cpuMs / rounds:F4}, \"wall_ms\": {clock.Elapsed.TotalMilliseconds / rounds:F4}}}{(last ? "" : ",")}"));
    }
}
