using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;
using Witn.Domain.Events;

namespace Witn.Benchmarks.Evaluator;

/// <summary>
/// Events applied per second on one core: route (correlation) + apply + re-evaluate the outcome's status after
/// every event, as an outcome grain does. Fold construction per outcome is included; event construction is not.
/// </summary>
public sealed class EvaluatorScenario : IScenario
{
    public string Name => "evaluator";

    public string Description => "outcome evaluator: events applied per second on one core (ticket_resolved, procurement_case_closed)";

    public IReadOnlyList<BenchmarkResult> Run(TextWriter log)
    {
        SingleCore.Pin(log);
        var results = new List<BenchmarkResult>();
        Measure(log, results, "ticket_resolved", Workloads.Tickets(60_000));
        Measure(log, results, "procurement_case_closed", Workloads.ProcurementCases(30_000));
        return results;
    }

    private static void Measure(TextWriter log, List<BenchmarkResult> results, string name, OutcomeEvent[][] outcomes)
    {
        var compiled = CompiledDefinition.Compile(LoadExample(name));
        var events = outcomes.Sum(o => o.Length);
        var perOutcome = outcomes[0].Length;
        var now = outcomes.Max(o => o.Max(e => e.Timestamp)).AddMinutes(1);
        var shuffled = Workloads.Shuffled(outcomes, 42);

        log.WriteLine($"{name}: {outcomes.Length:N0} outcomes × {perOutcome} events, {SingleCore.Rounds} rounds");
        var (inOrder, inOrderBytes) = SingleCore.Time(() => ApplyAll(compiled, outcomes, now), events);
        var (random, randomBytes) = SingleCore.Time(() => ApplyAll(compiled, shuffled, now), events);
        var (full, fullBytes) = SingleCore.Time(() => ApplyThenExplain(compiled, outcomes, now), events);

        results.Add(new($"{name} ({perOutcome} ev/outcome) apply+evaluate, in order", inOrder, "events/s"));
        results.Add(new($"{name} ({perOutcome} ev/outcome) allocated, in order", inOrderBytes, "bytes/event"));
        results.Add(new($"{name} ({perOutcome} ev/outcome) apply+evaluate, random arrival", random, "events/s"));
        results.Add(new($"{name} ({perOutcome} ev/outcome) allocated, random arrival", randomBytes, "bytes/event"));
        results.Add(new($"{name} ({perOutcome} ev/outcome) apply all + full state with explanation", full, "events/s"));
        results.Add(new($"{name} ({perOutcome} ev/outcome) allocated, full state", fullBytes, "bytes/event"));
    }

    /// <summary>What a grain does per event: route, apply, read the status (and next reminder) at the clock.</summary>
    private static long ApplyAll(CompiledDefinition compiled, OutcomeEvent[][] outcomes, DateTimeOffset now)
    {
        long checksum = 0;
        foreach (var events in outcomes)
        {
            var fold = new OutcomeFold(compiled);
            foreach (var e in events)
            {
                if (compiled.CorrelationOf(e) is null)
                {
                    continue;
                }

                fold.Apply(e);
                checksum += (int)fold.Progress(now).Status;
            }
        }

        return checksum;
    }

    private static long ApplyThenExplain(CompiledDefinition compiled, OutcomeEvent[][] outcomes, DateTimeOffset now)
    {
        long checksum = 0;
        foreach (var events in outcomes)
        {
            var fold = new OutcomeFold(compiled);
            foreach (var e in events)
            {
                fold.Apply(e);
            }

            checksum += fold.Evaluate(now).Explanation.Qualify.Children.Count;
        }

        return checksum;
    }

    private static OutcomeDefinition LoadExample(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "examples", "outcomes", name + ".yaml");
            if (File.Exists(Path.Combine(dir.FullName, "Witn.Actors.sln")) && File.Exists(path))
            {
                var result = OutcomeDefinition.Parse(File.ReadAllText(path), DefinitionFormat.Yaml);
                return result.Definition ?? throw new InvalidOperationException(string.Join("; ", result.Errors));
            }
        }

        throw new FileNotFoundException($"examples/outcomes/{name}.yaml not found above {AppContext.BaseDirectory}");
    }
}
