#:project ../src/IdentityServer/IdentityServer.csproj
#:property TreatWarningsAsErrors=false
// Measures what checking a client secret costs the token endpoint, per request:
//   dotnet run tools/measure-client-secret-hashing.cs -c Release
// OpenIddict's default (PBKDF2-HMAC-SHA256, 10,000 iterations, 128-bit salt) against the SHA-256
// check Sso uses for generated 256-bit secrets (Clients/ClientSecrets.cs).
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Sso.IdentityServer.Clients;

var secret = ClientSecrets.Generate();
var stored = ClientSecrets.HashSha256(secret);
var salt = RandomNumberGenerator.GetBytes(16);
var password = Encoding.UTF8.GetBytes(secret);
var pbkdf2 = Rfc2898DeriveBytes.Pbkdf2(password, salt, 10_000, HashAlgorithmName.SHA256, 32);

void Pbkdf2Check() => CryptographicOperations.FixedTimeEquals(
    Rfc2898DeriveBytes.Pbkdf2(password, salt, 10_000, HashAlgorithmName.SHA256, 32), pbkdf2);
void Sha256Check() => ClientSecrets.VerifySha256(secret, stored);

foreach (var (name, check, runs) in new (string, Action, int)[]
         {
             ("PBKDF2-HMAC-SHA256, 10,000 iterations (OpenIddict's default)", Pbkdf2Check, 1_000),
             ("SHA-256, constant-time compare (Sso, generated secrets)", Sha256Check, 1_000_000),
         })
{
    for (var i = 0; i < Math.Min(runs, 100); i++)
    {
        check();
    }

    var cpu = Process.GetCurrentProcess().TotalProcessorTime;
    for (var i = 0; i < runs; i++)
    {
        check();
    }

    var spent = Process.GetCurrentProcess().TotalProcessorTime - cpu;
    Console.WriteLine($"{name}: {spent.TotalMicroseconds / runs:F2} µs of CPU per check");
}
