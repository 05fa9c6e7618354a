namespace Sso.Tests.Fuzzing;

/// <summary>
/// A parameter value: text, escaped when it goes into a URL or form; or, when <see cref="Literal"/>,
/// characters that go out exactly as they are (percent garbage, raw bytes as U+0080–U+00FF).
/// </summary>
public readonly record struct FuzzValue(string Text, bool Literal)
{
    public string Encoded => Literal ? Text : Percent.Encode(Text);
}
