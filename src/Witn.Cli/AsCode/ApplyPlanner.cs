using Witn.Domain.Contracts;

namespace Witn.Cli.AsCode;

/// <summary>
/// The diff of local definitions and contracts against the server's: pure, so the rule is tested without a server.
/// Definitions compare by content hash (the engine's canonical form: comments, key order and <c>72h</c> vs <c>3d</c> do
/// not count), contracts by canonical JSON without the tenant field, and without <c>effective_from</c> when the file
/// has none (the server then fills in the instant it stored it). A new definition starts <c>active</c>.
/// </summary>
public static class ApplyPlanner
{
    public static IReadOnlyList<PlannedChange> Plan(
        IEnumerable<SourceDocument> documents,
        IReadOnlyDictionary<string, ServerDefinition> definitions,
        IReadOnlyDictionary<string, ServerContract> contracts)
    {
        var plan = new List<PlannedChange>();
        foreach (var d in documents)
        {
            if (d.Kind == SourceKind.Definition)
            {
                var want = d.Status ?? "active";
                if (!definitions.TryGetValue(d.Name, out var server))
                {
                    plan.Add(new PlannedChange(d, ChangeKind.New, null, want == "active" ? null : "active", want == "active" ? null : want));
                    continue;
                }

                var change = string.Equals(server.ContentHash, d.Definition!.ContentHash(), StringComparison.Ordinal) ? ChangeKind.Unchanged : ChangeKind.NewVersion;
                var status = string.Equals(server.Status, want, StringComparison.Ordinal) ? null : want;
                plan.Add(new PlannedChange(d, change, server.LatestVersion, status is null ? null : server.Status, status));
            }
            else
            {
                plan.Add(contracts.TryGetValue(d.Name, out var server)
                    ? new PlannedChange(d, SameTerms(d.Contract!, server.Contract) ? ChangeKind.Unchanged : ChangeKind.NewVersion, server.Version, null, null)
                    : new PlannedChange(d, ChangeKind.New, null, null, null));
            }
        }

        // Definitions first: a contract's warnings name the outcomes it prices, which should exist by then.
        return [.. plan.OrderBy(p => p.Source.Kind).ThenBy(p => p.Source.Name, StringComparer.Ordinal)];
    }

    public static bool SameTerms(Contract local, Contract server)
    {
        var l = local with { Tenant = null };
        var s = server with { Tenant = null, EffectiveFrom = local.EffectiveFrom is null ? null : server.EffectiveFrom };
        return string.Equals(l.ToCanonicalJson(), s.ToCanonicalJson(), StringComparison.Ordinal);
    }
}
