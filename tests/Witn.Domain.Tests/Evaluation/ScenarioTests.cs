using System.Globalization;
using System.Text.Json.Nodes;
using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Domain.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Witn.Domain.Tests.Evaluation;

/// <summary>
/// Replays the acceptance scenarios at the domain level: events in their arrival order, routed by correlation,
/// the clock advanced, reviews decided; only the outcome states are checked (charges belong to the ledger).
/// </summary>
public sealed class ScenarioTests
{
    // examples/scenarios of the repository, then every file in ../shared/examples/scenarios when it exists.
    public static TheoryData<string> Files() => [.. Witn.Testing.ExampleFiles.All("scenarios")];

    [Theory]
    [MemberData(nameof(Files))]
    public void example_scenarios_reach_the_expected_outcome_states(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(file)));
        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        // A scenario names definitions in the outcomes folder beside its own folder (repo or shared).
        var outcomes = Path.Combine(Path.GetDirectoryName(file)!, "..", "outcomes");
        var definitions = ((YamlSequenceNode)root["definitions"])
            .Select(n => Examples.Compile(File.ReadAllText(Path.Combine(outcomes, Scalar(n) + ".yaml"))))
            .ToList();
        var folds = new Dictionary<string, OutcomeFold>(StringComparer.Ordinal);
        var clock = Time(root["clock_start"]);
        var checkedAny = false;

        foreach (var step in ((YamlSequenceNode)root["steps"]).Cast<YamlMappingNode>())
        {
            var (kind, body) = step.Children.Single();
            switch (Scalar(kind))
            {
                case "send":
                    foreach (var e in ((YamlSequenceNode)body).Cast<YamlMappingNode>().SelectMany(Expand))
                    {
                        foreach (var d in definitions)
                        {
                            if (d.CorrelationOf(e) is { } correlation)
                            {
                                var key = d.Definition.Name + "/" + correlation;
                                (folds.TryGetValue(key, out var fold) ? fold : folds[key] = new OutcomeFold(d)).Apply(e);
                            }
                        }
                    }

                    break;
                case "advance_to":
                    clock = Time(body);
                    break;
                case "review":
                    var review = (YamlMappingNode)body;
                    var verdict = Scalar(review["decision"]) == "approve" ? ReviewVerdict.Approve : ReviewVerdict.Reject;
                    foreach (var (key, fold) in folds.Where(f => f.Key.EndsWith("/" + Scalar(review["correlation"]), StringComparison.Ordinal)))
                    {
                        fold.Review(new ReviewDecision(verdict, clock, "scenario"));
                    }

                    break;
                case "expect" when ((YamlMappingNode)body).Children.ContainsKey("outcomes"):
                    foreach (var (correlation, status) in (YamlMappingNode)((YamlMappingNode)body)["outcomes"])
                    {
                        var fold = folds.Single(f => f.Key.EndsWith("/" + Scalar(correlation), StringComparison.Ordinal)).Value;
                        Assert.Equal(Scalar(status), Snake(fold.Progress(clock).Status));
                        Assert.Equal(fold.Progress(clock).Status, OutcomeEvaluator.Evaluate(fold.Definition, fold.Events, clock, fold.Reviews).Status);
                        checkedAny = true;
                    }

                    break;
            }
        }

        Assert.True(checkedAny || !File.ReadAllText(file).Contains("outcomes:", StringComparison.Ordinal));
    }

    private static IEnumerable<OutcomeEvent> Expand(YamlMappingNode e)
    {
        var repeat = e.Children.TryGetValue("repeat", out var r) ? int.Parse(Scalar(r), CultureInfo.InvariantCulture) : 1;
        for (var i = 1; i <= repeat; i++)
        {
            string Sub(string s) => s.Replace("{i}", i.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
            var agent = e.Children.TryGetValue("agent", out var a) ? (YamlMappingNode)a : null;
            var props = e.Children.TryGetValue("properties", out var p) ? Json(p, Sub)!.ToJsonString() : "{}";
            var key = Sub(Scalar(e["key"]));
            yield return OutcomeEvent.Create(
                Ev.IdOf(key), "scenario", Scalar(e["type"]), Time(e["at"]), props, key,
                agent is null ? null : new AgentRef(Scalar(agent["id"]), agent.Children.TryGetValue("version", out var v) ? Scalar(v) : null));
        }
    }

    private static JsonNode? Json(YamlNode node, Func<string, string> sub) => node switch
    {
        YamlMappingNode m => new JsonObject(m.Children.Select(kv => KeyValuePair.Create(Scalar(kv.Key), Json(kv.Value, sub)))),
        YamlSequenceNode s => new JsonArray([.. s.Children.Select(c => Json(c, sub))]),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } n when decimal.TryParse(n.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) => JsonValue.Create(d),
        _ => JsonValue.Create(sub(Scalar(node))),
    };

    private static string Scalar(YamlNode node) => ((YamlScalarNode)node).Value ?? string.Empty;

    private static DateTimeOffset Time(YamlNode node) => Ev.Time(Scalar(node));

    private static string Snake(OutcomeStatus status) => status == OutcomeStatus.InReview ? "in_review" : status.ToString().ToLowerInvariant();
}
