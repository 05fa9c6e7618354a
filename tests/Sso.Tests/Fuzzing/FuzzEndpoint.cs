namespace Sso.Tests.Fuzzing;

/// <summary>One endpoint of one app: its route (with {parameters}), its methods and what it expects.</summary>
public sealed record FuzzEndpoint(FuzzHost Host, string Route, IReadOnlyList<string> Methods, EndpointKind Kind)
{
    public string Label => $"{Host} {string.Join('|', Methods)} {Route}";
}
