using System.Collections.Concurrent;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.WebUtilities;

namespace Sso.Tests.Observability;

/// <summary>Every secret a test run used or was handed, by kind ("password", "code", "access_token"...).</summary>
public sealed class SecretRecorder
{
    private static readonly string[] RequestSecrets = ["code", "code_verifier", "client_secret", "refresh_token", "token", "logout_token", "password"];
    private static readonly string[] ResponseSecrets = ["access_token", "refresh_token", "id_token"];

    private readonly ConcurrentDictionary<string, string> _kindByValue = new();

    /// <summary>Secrets by value; short values are left out (they would match by chance).</summary>
    public IReadOnlyDictionary<string, string> All => _kindByValue;

    public IReadOnlySet<string> Kinds => _kindByValue.Values.ToHashSet();

    public void Add(string kind, string? value)
    {
        if (value is { Length: >= 12 })
        {
            _kindByValue.TryAdd(value, kind);
            // A JWT's signature alone is enough to tell which token leaked.
            if (value.Count(character => character == '.') == 2 && value.Split('.')[2] is { Length: >= 12 } signature)
            {
                _kindByValue.TryAdd(signature, kind + " (signature)");
            }
        }
    }

    /// <summary>A client secret, and the HTTP Basic credential it travels in.</summary>
    public void AddClient(string clientId, string secret)
    {
        Add("client_secret", secret);
        Add("client_secret (Basic)", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Uri.EscapeDataString(clientId)}:{Uri.EscapeDataString(secret)}")));
    }

    /// <summary>Secrets in a form body a client sent.</summary>
    public void AddFromForm(string form)
    {
        foreach (var (name, value) in QueryHelpers.ParseQuery(form))
        {
            if (RequestSecrets.Contains(name))
            {
                Add(name, value);
            }
        }
    }

    /// <summary>Tokens in a JSON answer of the token endpoint.</summary>
    public void AddFromTokenResponse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            foreach (var name in ResponseSecrets)
            {
                if (document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value)
                    && value.ValueKind == JsonValueKind.String)
                {
                    Add(name, value.GetString());
                }
            }
        }
        catch (JsonException)
        {
            // Discovery, JWKS, errors: nothing to remember.
        }
    }
}
