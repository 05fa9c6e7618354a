using System.Collections.Immutable;
using OpenIddict.Abstractions;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace Sso.IdentityServer.Protocol;

/// <summary>A scope as the consent page explains it to a person.</summary>
public sealed record ScopeDescription(string Name, string Text)
{
    private static readonly Dictionary<string, string> Standard = new(StringComparer.Ordinal)
    {
        [Scopes.OpenId] = "Know who you are",
        [Scopes.Profile] = "See your name and user name",
        [Scopes.Email] = "See your email address",
        [Scopes.Roles] = "See your roles",
        [Scopes.OfflineAccess] = "Keep access while you are away (refresh tokens)",
    };

    public static async Task<IReadOnlyList<ScopeDescription>> DescribeAsync(
        IOpenIddictScopeManager scopes, ImmutableArray<string> names, CancellationToken cancellationToken)
    {
        var described = new List<ScopeDescription>();
        foreach (var name in names)
        {
            if (Standard.TryGetValue(name, out var text))
            {
                described.Add(new(name, text));
                continue;
            }

            var scope = await scopes.FindByNameAsync(name, cancellationToken);
            var display = scope is null ? null : await scopes.GetLocalizedDescriptionAsync(scope, cancellationToken)
                ?? await scopes.GetLocalizedDisplayNameAsync(scope, cancellationToken);
            described.Add(new(name, display ?? name));
        }

        return described;
    }
}
