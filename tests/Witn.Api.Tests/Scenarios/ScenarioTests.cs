using Witn.Testing;
using Witn.Testing.Silo;

namespace Witn.Api.Tests.Scenarios;

/// <summary>
/// Every scenario in examples/scenarios and ../shared/examples/scenarios is a test case: a new file is a new test.
/// </summary>
public sealed class ScenarioTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    public static TheoryData<string> Scenarios() =>
        [.. ExampleFiles.All("scenarios").Select(f => Path.GetRelativePath(ExampleFiles.RepoRoot, f))];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task scenario_holds_end_to_end(string scenario)
    {
        using var admin = silo.Client();
        await new ScenarioRunner(admin, Path.Combine(ExampleFiles.RepoRoot, scenario)).RunAsync();
    }
}
