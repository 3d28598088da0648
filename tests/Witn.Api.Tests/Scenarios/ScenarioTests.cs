using Witn.Testing;
using Witn.Testing.Silo;

namespace Witn.Api.Tests.Scenarios;

/// <summary>
/// Every scenario in examples/scenarios and examples/scenarios-disputes, and in the same folders of
/// ../shared/examples, is a test case: a new file is a new test. (Disputes are kept apart so that earlier work could
/// land before they existed; a missing folder means no cases.)
/// </summary>
public sealed class ScenarioTests(InProcessSilo silo) : IClassFixture<InProcessSilo>
{
    public static TheoryData<string> Scenarios() =>
        [.. ExampleFiles.All("scenarios").Concat(ExampleFiles.All("scenarios-disputes")).Select(f => Path.GetRelativePath(ExampleFiles.RepoRoot, f))];

    [Theory]
    [MemberData(nameof(Scenarios))]
    public async Task scenario_holds_end_to_end(string scenario)
    {
        using var admin = silo.Client();
        await new ScenarioRunner(admin, Path.Combine(ExampleFiles.RepoRoot, scenario)).RunAsync();
    }
}
