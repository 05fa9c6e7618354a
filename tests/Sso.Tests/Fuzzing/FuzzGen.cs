using CsCheck;

namespace Sso.Tests.Fuzzing;

/// <summary>Two small generators CsCheck spells ambiguously (Gen.Const has an overload for a factory).</summary>
public static class FuzzGen
{
    /// <summary>A value made afresh for every case (it may depend on the current credentials).</summary>
    public static Gen<T> Each<T>(Func<T> make) => Gen.Bool.Select(_ => make());

    /// <summary>Always null.</summary>
    public static Gen<T?> Null<T>()
        where T : class => Gen.OneOf<T?>(default(T));
}
