using Xunit;

namespace Sso.Tests.Fuzzing;

/// <summary>
/// The fuzz run runs alone, after the tests that run in parallel: it measures the memory of the
/// whole test process, which other tests' allocations would blur, and its load must not slow
/// other tests into their timeouts.
/// </summary>
[CollectionDefinition(nameof(FuzzCollection), DisableParallelization = true)]
public sealed class FuzzCollection;
