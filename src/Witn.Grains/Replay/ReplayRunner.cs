using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using Witn.Abstractions.Replay;
using Witn.Domain.Common;
using Witn.Domain.Contracts;
using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;
using Witn.Domain.Events;
using Witn.Domain.Evidence;
using Witn.Domain.Money;
using Witn.Domain.Replay;
using Witn.Domain.Settlement;
using Witn.Grains.Contracts;
using Witn.Grains.Outcomes;
using Witn.Storage.Contracts;
using Witn.Storage.Ledger;
using Witn.Storage.Log;
using Witn.Storage.Outcomes;
using Witn.Storage.Replay;
using Witn.Storage.Simulations;
using Witn.Storage.Tenants;

namespace Witn.Grains.Replay;

/// <summary>
/// Replays one partition of a simulation: for each definition, the partition's outcomes one at a time, as
/// PostgreSQL hands them over grouped by correlation. Memory holds one outcome's events, the partition's ledger
/// rows of that definition (to compare with) and the per-period rollups; nothing grows with the log.
/// Each outcome is replayed with the versions that were in force (parity against the ledger) and, when the
/// simulation has candidates, with them (its flips and the simulated rollups). Writes only the simulation's tables.
/// </summary>
public sealed partial class ReplayRunner(
    ReplayStore replay,
    SimulationStore simulations,
    DefinitionStore definitions,
    DefinitionVersions versions,
    ContractStore contracts,
    ContractBook book,
    TenantStore tenants,
    OutcomeStore outcomes,
    TimeProvider time,
    ILogger<ReplayRunner> logger)
{
    /// <summary>Events per partition a big tenant is cut into (by a hash of the correlation): what PostgreSQL sorts in memory at once.</summary>
    public const long PartitionEvents = 400_000;

    private const int ProgressEvery = 20_000;

    /// <summary>The definitions a simulation replays: every routed one (active or shadow) and every candidate.</summary>
    public async Task<IReadOnlyList<ReplayDefinition>> DefinitionsAsync(SimulationRequest request, CancellationToken cancellationToken = default)
    {
        var result = new List<ReplayDefinition>();
        var stored = await definitions.ListAsync(cancellationToken);
        var candidates = SimulationCandidates.Definitions(request);
        foreach (var d in stored.Where(d => DefinitionStatuses.IsRouted(d.Definition.Status)))
        {
            var list = new List<(CompiledDefinition, DateTimeOffset)>();
            for (var v = 1; v <= d.Definition.LatestVersion; v++)
            {
                var (compiled, row) = await versions.GetAsync(d.Definition.Name, v);
                list.Add((compiled, row.PublishedAt));
            }

            result.Add(new ReplayDefinition(d.Definition.Name, d.Definition.Status, d.Definition.ActiveFrom, list, candidates.GetValueOrDefault(d.Definition.Name)));
        }

        foreach (var (name, candidate) in candidates.Where(c => result.All(r => r.Name != c.Key)))
        {
            result.Add(new ReplayDefinition(name, DefinitionStatus.Active, null, [], candidate));
        }

        return result;
    }

    /// <summary>How many events the tenant's replay reads (sizes its partitions and the progress).</summary>
    public async Task<long> CountAsync(string tenantId, IReadOnlyList<ReplayDefinition> scope, CancellationToken cancellationToken = default)
    {
        var total = 0L;
        foreach (var d in scope)
        {
            total += await replay.CountEventsAsync(tenantId, d.Types, cancellationToken);
        }

        return total;
    }

    public async Task<ReplayPartitionReport> RunAsync(Guid simulationId, SimulationRequest request, string tenantId, int bucket, int buckets, CancellationToken cancellationToken = default)
    {
        var tenant = await tenants.GetAsync(tenantId, cancellationToken) ?? throw new InvalidOperationException($"tenant '{tenantId}' does not exist");
        var timeline = tenant.Sandbox
            ? ReplayTimeline.SandboxClock(
                tenant.ClockStart!.Value,
                (await replay.ListClockAdvancesAsync(tenantId, cancellationToken)).Select(a => new ReplayClock(a.ClockNow, a.AdvancedAt)),
                request.Until)
            : ReplayTimeline.Live(request.Until);
        var rows = await contracts.ListAsync(tenantId, cancellationToken);
        var booked = rows.Select(r => (book.Book(r), r.CreatedAt)).ToList();
        var history = new ReplayContracts(booked);
        var candidateContract = SimulationCandidates.Contract(request, tenantId);
        var simulated = candidateContract is null ? history : new ReplayContracts(booked, candidateContract);
        var finalized = await replay.ListFinalizedAsync(tenantId, cancellationToken);
        var actualPeriods = new ReplayPeriods(await book.GetBillingAsync(tenantId, cancellationToken), finalized);
        var simulatedPeriods = candidateContract is null ? actualPeriods : new ReplayPeriods(candidateContract.BillingPeriod, finalized);
        var partition = new Partition(simulationId, tenantId, request, timeline, history, simulated, actualPeriods, simulatedPeriods);

        foreach (var definition in await DefinitionsAsync(request, cancellationToken))
        {
            if (!await RunDefinitionAsync(partition, definition, bucket, buckets, cancellationToken))
            {
                break;
            }
        }

        await FlushAsync(partition, cancellationToken);
        // Rollups are written once, at the end: a partition that fails leaves none behind (the simulation fails).
        await simulations.AddUsageAsync(simulationId, tenantId, partition.TakeUsage(), cancellationToken);
        return new ReplayPartitionReport(partition.EventsRead, partition.Outcomes, partition.Mismatches, partition.Flips, partition.Cancelled);
    }

    private async Task<bool> RunDefinitionAsync(Partition p, ReplayDefinition definition, int bucket, int buckets, CancellationToken cancellationToken)
    {
        var ledger = (await replay.ListChargesAsync(p.Tenant, definition.Name, bucket, buckets, cancellationToken))
            .GroupBy(c => c.Correlation, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var disputes = (await replay.ListDisputeCreditsAsync(p.Tenant, definition.Name, bucket, buckets, cancellationToken))
            .GroupBy(c => c.Correlation, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var reviews = (await replay.ListReviewsAsync(p.Tenant, definition.Name, cancellationToken))
            .GroupBy(r => r.Correlation, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(r => new ReplayReview(r.Decision, r.RecordedAt)).OrderBy(r => r.At).ToList(), StringComparer.Ordinal);
        var router = definition.Router;
        if (definition.Candidate is { } candidate && candidate.Definition.CorrelateBy.Text != router.Definition.CorrelateBy.Text)
        {
            throw new InvalidDataException(
                $"the candidate for {definition.Name} correlates by {candidate.Definition.CorrelateBy.Text}, the live definition by {router.Definition.CorrelateBy.Text}: a simulation compares the same outcomes, so keep correlate_by");
        }

        var group = new List<OutcomeEvent>();
        string? current = null;
        var replaying = new Stopwatch();
        var reading = Stopwatch.StartNew();
        await foreach (var e in replay.ReadOutcomeEventsAsync(p.Tenant, definition.Types, router.Definition.CorrelateBy.Text, bucket, buckets, cancellationToken))
        {
            p.EventsRead++;
            p.PendingEvents++;
            if (router.CorrelationOf(e) is not { } correlation)
            {
                continue;
            }

            if (!string.Equals(correlation, current, StringComparison.Ordinal))
            {
                if (current is not null)
                {
                    replaying.Start();
                    Replay(p, definition, current, group, ledger, disputes, reviews);
                    replaying.Stop();
                }

                (current, group) = (correlation, []);
            }

            group.Add(e);
            if (p.PendingEvents >= ProgressEvery && !await ProgressAsync(p, cancellationToken))
            {
                return false;
            }
        }

        if (current is not null)
        {
            Replay(p, definition, current, group, ledger, disputes, reviews);
        }

        LogTimes(p.Tenant, definition.Name, bucket, reading.Elapsed.TotalMilliseconds, replaying.Elapsed.TotalMilliseconds);

        // Ledger rows of outcomes replay never saw: charged with no event in the log behind them.
        foreach (var (correlation, charges) in ledger)
        {
            p.AddMismatch(definition.Name, correlation, [$"the ledger holds {charges.Count} charge(s) for this outcome but the log has no event of it"], null, LedgerJson(charges));
        }

        return await ProgressAsync(p, cancellationToken);
    }

    private void Replay(
        Partition p,
        ReplayDefinition definition,
        string correlation,
        List<OutcomeEvent> rows,
        Dictionary<string, List<ReplayLedgerCharge>> ledger,
        Dictionary<string, List<ReplayDisputeCredit>> disputes,
        Dictionary<string, List<ReplayReview>> reviews)
    {
        var held = ledger.Remove(correlation, out var charges) ? charges : [];
        var arrivals = new List<ReplayArrival>(rows.Count);
        foreach (var e in rows)
        {
            // Events the log took before the definition existed were never routed to it; after the replay's end, they are not history yet.
            if ((definition.Published is not { } published || e.ReceivedAt >= published) && e.ReceivedAt <= p.Request.Until)
            {
                arrivals.Add(new ReplayArrival(e, p.Timeline.At(e.ReceivedAt!.Value)));
            }
        }

        if (arrivals.Count == 0)
        {
            return;
        }

        var first = arrivals.Min(a => a.Event.Timestamp);
        if ((p.Request.From is { } from && first < from) || (p.Request.To is { } to && first >= to))
        {
            return;
        }

        p.Outcomes++;
        p.PendingOutcomes++;
        var outcomeReviews = reviews.GetValueOrDefault(correlation) ?? [];
        var credits = disputes.GetValueOrDefault(correlation) ?? [];
        var pin = definition.VersionAt(arrivals[0].At.Real);
        var pinned = pin?.Definition;
        ReplayedOutcome? actual = null;
        if (pin is { } found)
        {
            actual = OutcomeReplay.Run(found.Definition, arrivals, outcomeReviews, p.Timeline, definition.Billable, (first, dims, value, pinnedBy, at) => p.History.Price(definition.Name, first, dims, value, pinnedBy, at));
            var replayed = Parity(actual, p.ActualPeriods);
            var differences = ReplayParity.Differences(replayed, [.. held.Select(ToParity)]);
            if (actual.Unsettled)
            {
                differences = [.. differences, $"replay's decision did not settle within {SettlementDecision.MaxStepsPerSync} steps"];
            }

            if (differences.Count > 0)
            {
                p.AddMismatch(definition.Name, correlation, differences, Explain(found.Definition, actual, correlation, arrivals), LedgerJson(held));
            }

            p.AddUsage("replay", definition.Name, actual, p.ActualPeriods, credits);
            // An outcome never decided by the end (its first event arrived after it) had no stored row then either.
            if (p.Request.Rebuild && actual.Decided is not null)
            {
                p.Restores.Add(Restored(p, definition, correlation, found.Definition, found.Version, arrivals, outcomeReviews, actual, held));
            }
        }

        if (!p.Request.HasCandidates)
        {
            return;
        }

        var candidate = definition.Candidate ?? pinned;
        if (candidate is null)
        {
            return;
        }

        var simulated = OutcomeReplay.Run(candidate, arrivals, outcomeReviews, p.Timeline, first => definition.Billable(first) || definition.Candidate is not null, (first, dims, value, pinnedBy, at) => p.Simulated.Price(definition.Name, first, dims, value, pinnedBy, at));
        p.AddUsage("simulated", definition.Name, simulated, p.SimulatedPeriods, credits);
        if (Flipped(actual, simulated))
        {
            p.AddFlip(definition.Name, correlation,
                actual is null ? NotReplayed() : Explain(pinned!, actual, correlation, arrivals),
                Explain(candidate, simulated, correlation, arrivals),
                arrivals.Select(a => a.Event.EventId));
        }
    }

    /// <summary>
    /// The row the outcome's grain would have stored after its last decision: its events in arrival order, reviews,
    /// pinned version, and the charges as the ledger holds them (the ledger is the truth for money: a rebuilt outcome
    /// never charges again what is charged, and finds what is missing at its next decision).
    /// </summary>
    private (OutcomeRecord, int) Restored(
        Partition p, ReplayDefinition definition, string correlation, CompiledDefinition pinned, int version, IReadOnlyList<ReplayArrival> arrivals,
        IReadOnlyList<ReplayReview> reviews, ReplayedOutcome replayed, IReadOnlyList<ReplayLedgerCharge> ledger)
    {
        var charges = ledger.Select(c => new HeldCharge(c.Id, c.Sequence, ToParity(c).Terms, c.CreditId)).ToList();
        var decided = replayed.Decided!.Value;
        var nextDue = Witn.Domain.Ingestion.EventTimestamps.Normalize(replayed.Unsettled ? replayed.EvaluatedAt : decided.NextDueAt);
        // What the grain kept: the events its fold applied (the pinned version's types, each event once).
        var events = arrivals.Select(a => a.Event).Where(e => pinned.Listens(e.Type)).DistinctBy(e => e.EventId).ToList();
        var summary = new OutcomeSummary(
            p.Tenant,
            definition.Name,
            correlation,
            version,
            OutcomeStatuses.ToName(decided.Status),
            events.Min(e => e.Timestamp).ToUniversalTime(),
            decided.QualifiedAt,
            decided.SettlesAt,
            nextDue,
            charges.Count == 0 ? null : charges[^1].Id,
            charges.Count == 0 ? null : charges[^1].CreditId,
            events.Count,
            time.GetUtcNow());
        var state = new OutcomeGrainState(
            version, events, [.. reviews.Select(r => r.Decision)], null, null, charges.Count == 0 ? null : charges[0].Terms.ContractVersion, null,
            p.Timeline.Sandbox ? null : nextDue, charges, replayed.EvaluatedAt);
        var reached = replayed.Statuses.Aggregate(0, (bits, status) => bits | Witn.Domain.Quality.QualityReached.Of(status));
        return (new OutcomeRecord(summary, JsonSerializer.Serialize(state, OutcomeStateJson.Options), events[0].Agent), reached);
    }

    private static bool Flipped(ReplayedOutcome? actual, ReplayedOutcome simulated)
    {
        if (actual is null)
        {
            return simulated.Standing is not null;
        }

        return actual.Status != simulated.Status || actual.Standing?.Terms.Amount != simulated.Standing?.Terms.Amount
            || (actual.Standing is null) != (simulated.Standing is null);
    }

    private static List<ParityCharge> Parity(ReplayedOutcome outcome, ReplayPeriods periods)
    {
        var result = new List<ParityCharge>();
        foreach (var charge in outcome.Steps.Where(s => s.Kind == SettlementStepKind.Charge))
        {
            var credit = outcome.Steps.FirstOrDefault(s => s.Kind == SettlementStepKind.Credit && s.Sequence == charge.Sequence);
            result.Add(new ParityCharge(
                charge.Sequence,
                charge.Terms,
                periods.Place(charge.SettlesAt!.Value, charge.At.Real).Start,
                credit?.Cause is { } cause ? CreditCauses.ToName(cause) : null,
                credit is null ? null : periods.Place(credit.At.Tenant, credit.At.Real).Start));
        }

        return result;
    }

    private static ParityCharge ToParity(ReplayLedgerCharge c) => new(
        c.Sequence,
        new ChargeTerms(c.ContractVersion, c.Currency, c.UnitPrice, c.AmountMinor is { } m && c.Currency is { } cur ? Money.FromMinorUnits(m, cur) : null, c.Bucket, c.Value),
        c.Period,
        c.CreditReason is { } reason ? reason.Split(':', 2)[0] : null,
        c.CreditPeriod);

    private static JsonObject Explain(CompiledDefinition definition, ReplayedOutcome outcome, string correlation, IReadOnlyList<ReplayArrival> arrivals)
    {
        var state = outcome.State;
        return new JsonObject
        {
            ["status"] = OutcomeStatuses.ToName(state.Status),
            ["definition_version_hash"] = definition.ContentHash,
            ["qualified_at"] = state.QualifiedAt is { } q ? Instants.Iso(q) : null,
            ["settles_at"] = state.SettlesAt is { } s ? Instants.Iso(s) : null,
            ["amount"] = outcome.Standing?.Terms is { Amount: { } a, Currency: { } c } ? MoneyFormat.Text(a, c) : null,
            ["currency"] = outcome.Standing?.Terms.Currency,
            ["summary"] = EvidenceSummary.Charge(definition.Definition, state, correlation, arrivals.Select(x => EvidenceEvent.From(x.Event, x.At.Real))),
            ["charges"] = new JsonArray([.. outcome.Steps.Select(StepJson)]),
        };
    }

    private static JsonObject NotReplayed() => new() { ["status"] = "not_evaluated", ["summary"] = "no definition version existed when its first event arrived" };

    private static JsonNode StepJson(ReplayStep s) => new JsonObject
    {
        ["kind"] = s.Kind == SettlementStepKind.Charge ? "charge" : "credit",
        ["sequence"] = s.Sequence,
        ["amount"] = s.Terms is { Amount: { } a, Currency: { } c } ? MoneyFormat.Text(a, c) : null,
        ["contract_version"] = s.Terms.ContractVersion,
        ["cause"] = s.Cause is { } cause ? CreditCauses.ToName(cause) : null,
        ["at"] = Instants.Iso(s.At.Tenant),
    };

    private static JsonObject LedgerJson(IEnumerable<ReplayLedgerCharge> charges) => new()
    {
        ["charges"] = new JsonArray([.. charges.Select(c => (JsonNode)new JsonObject
        {
            ["id"] = c.Id.ToString(),
            ["sequence"] = c.Sequence,
            ["amount"] = c.AmountMinor is { } m && c.Currency is { } cur ? MoneyFormat.Text(Money.FromMinorUnits(m, cur), cur) : null,
            ["contract_version"] = c.ContractVersion,
            ["period"] = c.Period is { } period ? Instants.Iso(period) : null,
            ["credit"] = c.CreditReason,
        })]),
    };

    private async Task<bool> ProgressAsync(Partition p, CancellationToken cancellationToken)
    {
        await FlushAsync(p, cancellationToken);
        var status = await simulations.ProgressAsync(p.SimulationId, p.PendingEvents, p.PendingOutcomes, cancellationToken);
        (p.PendingEvents, p.PendingOutcomes) = (0, 0);
        if (status == "cancelled")
        {
            p.Cancelled = true;
            return false;
        }

        return true;
    }

    private async Task FlushAsync(Partition p, CancellationToken cancellationToken)
    {
        await simulations.AddMismatchesAsync(p.SimulationId, p.TakeMismatches(), cancellationToken);
        await simulations.AddFlipsAsync(p.SimulationId, p.TakeFlips(), cancellationToken);
        if (p.Restores.Count > 0)
        {
            await outcomes.RestoreAsync([.. p.Restores], cancellationToken);
            p.Restores.Clear();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Replay of {Definition} for tenant {Tenant} (bucket {Bucket}): {Total} ms in all, {Replaying} ms replaying outcomes")]
    private partial void LogTimes(string tenant, string definition, int bucket, double total, double replaying);

    /// <summary>One partition's run: its inputs, counters, and what it has not written yet.</summary>
    private sealed class Partition(
        Guid simulationId, string tenant, SimulationRequest request, ReplayTimeline timeline, ReplayContracts history, ReplayContracts simulated,
        ReplayPeriods actualPeriods, ReplayPeriods simulatedPeriods)
    {
        private readonly List<SimulationOutcomeRow> _mismatches = [];
        private readonly List<SimulationOutcomeRow> _flips = [];

        public List<(OutcomeRecord Record, int Reached)> Restores { get; } = [];

        public Guid SimulationId => simulationId;

        public string Tenant => tenant;

        public SimulationRequest Request => request;

        public ReplayTimeline Timeline => timeline;

        public ReplayContracts History => history;

        public ReplayContracts Simulated => simulated;

        public ReplayPeriods ActualPeriods => actualPeriods;

        public ReplayPeriods SimulatedPeriods => simulatedPeriods;

        public Dictionary<(string Side, string Kind, DateTimeOffset Period, string Outcome, int? Version, string? Bucket), SimulationUsageRow> Usage { get; private set; } = [];

        public long EventsRead { get; set; }

        public long Outcomes { get; set; }

        public long PendingEvents { get; set; }

        public long PendingOutcomes { get; set; }

        public long Mismatches { get; private set; }

        public long Flips { get; private set; }

        public bool Cancelled { get; set; }

        public void AddMismatch(string definition, string correlation, IReadOnlyList<string> differences, JsonObject? replay, JsonObject ledger)
        {
            Mismatches++;
            var json = new JsonObject
            {
                ["differences"] = new JsonArray([.. differences.Select(d => (JsonNode)JsonValue.Create(d))]),
                ["replay"] = replay,
                ["ledger"] = ledger,
            };
            _mismatches.Add(new SimulationOutcomeRow(tenant, definition, correlation, json.ToJsonString(), "{}", []));
        }

        public void AddFlip(string definition, string correlation, JsonObject before, JsonObject after, IEnumerable<Guid> eventIds)
        {
            Flips++;
            _flips.Add(new SimulationOutcomeRow(tenant, definition, correlation, before.ToJsonString(), after.ToJsonString(), [.. eventIds]));
        }

        /// <summary>The outcome's charges, credits and standing charge as invoice rollups of one side.</summary>
        public void AddUsage(string side, string outcome, ReplayedOutcome replayed, ReplayPeriods periods, IReadOnlyList<ReplayDisputeCredit> disputes)
        {
            var chargeSteps = replayed.Steps.Where(s => s.Kind == SettlementStepKind.Charge).ToDictionary(s => s.Sequence);
            foreach (var charge in chargeSteps.Values)
            {
                var period = periods.Place(charge.SettlesAt!.Value, charge.At.Real).Start;
                Add(side, "charge", period, outcome, charge.Terms, 1, charge.Terms.Value ?? 0m, Minor(charge.Terms.Amount, charge.Terms.Currency));
            }

            // Dispute credits as recorded, on the charge of the same place if this side made it (never more than it).
            var disputed = new Dictionary<int, long>();
            foreach (var d in disputes)
            {
                if (chargeSteps.TryGetValue(d.Sequence, out var charge))
                {
                    var left = Minor(charge.Terms.Amount, charge.Terms.Currency) - disputed.GetValueOrDefault(d.Sequence);
                    var amount = charge.Terms.Amount is null ? d.AmountMinor ?? 0 : Math.Min(d.AmountMinor ?? 0, Math.Max(0, left));
                    disputed[d.Sequence] = disputed.GetValueOrDefault(d.Sequence) + amount;
                    Add(side, "credit", d.Period ?? periods.Place(d.CreatedAt, d.CreatedAt).Start, outcome, null, 1, 0m, amount);
                }
            }

            foreach (var credit in replayed.Steps.Where(s => s.Kind == SettlementStepKind.Credit))
            {
                var period = periods.Place(credit.At.Tenant, credit.At.Real).Start;
                // What is left of the charge: a lifecycle credit gives back what disputes have not.
                var amount = Math.Max(0, Minor(credit.Terms.Amount, credit.Terms.Currency) - disputed.GetValueOrDefault(credit.Sequence));
                Add(side, "credit", period, outcome, null, 1, 0m, amount);
            }

            if (replayed.Standing is { } standing && chargeSteps.TryGetValue(standing.Sequence, out var standingStep))
            {
                var period = periods.Place(standingStep.SettlesAt!.Value, standingStep.At.Real).Start;
                var amount = Minor(standing.Terms.Amount, standing.Terms.Currency) - disputed.GetValueOrDefault(standing.Sequence);
                Add(side, "standing", period, outcome, standing.Terms, 1, 0m, amount);
            }
        }

        public IReadOnlyList<SimulationUsageRow> TakeUsage()
        {
            var rows = Usage.Values.ToList();
            Usage = [];
            return rows;
        }

        public IReadOnlyList<SimulationOutcomeRow> TakeMismatches()
        {
            var rows = _mismatches.ToList();
            _mismatches.Clear();
            return rows;
        }

        public IReadOnlyList<SimulationOutcomeRow> TakeFlips()
        {
            var rows = _flips.ToList();
            _flips.Clear();
            return rows;
        }

        private static long Minor(decimal? amount, string? currency) => amount is { } a && currency is { } c ? Money.ToMinorUnits(a, c) : 0;

        private void Add(string side, string kind, DateTimeOffset period, string outcome, ChargeTerms? terms, long quantity, decimal value, long amountMinor)
        {
            var key = (side, kind, period.ToUniversalTime(), outcome, kind == "credit" ? null : terms?.ContractVersion, kind == "credit" ? null : terms?.Bucket);
            Usage[key] = Usage.TryGetValue(key, out var row)
                ? row with { Quantity = row.Quantity + quantity, ValueSum = row.ValueSum + value, AmountMinor = row.AmountMinor + amountMinor }
                : new SimulationUsageRow(side, kind, key.Item3, outcome, key.Item5, key.Item6, kind == "credit" ? null : terms?.UnitPrice, quantity, value, amountMinor);
        }
    }
}
