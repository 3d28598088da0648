using System.Globalization;
using System.Text.RegularExpressions;
using Witn.Domain.Common;
using Witn.Domain.Definitions;
using Witn.Domain.Definitions.Syntax;
using Witn.Domain.Events;
using Witn.Domain.Money;
using Witn.Domain.Tenants;

namespace Witn.Domain.Contracts.Syntax;

/// <summary>
/// Turns a syntax tree into a <see cref="Contract"/>, reporting every problem with its path, position and a hint,
/// and warnings that do not stop the contract. Returns null when an error was reported. With <c>stored</c>, reads a
/// version stored earlier under the rules it was accepted with (see <see cref="ContractParser.ParseStored"/>).
/// </summary>
internal sealed partial class ContractBinder(List<ContractError> errors, List<ContractError> warnings, IReadOnlyCollection<string>? knownOutcomes, bool stored = false)
{
    /// <summary>Unit prices may be finer than a cent (0.0025 per token); amounts are rounded to the minor unit when charged.</summary>
    public const int MaxUnitPriceDecimals = 6;

    private static readonly string[] TopFields = ["tenant", "currency", "billing_period", "base_fee", "prices", "cap", "minimum_commit", "effective_from", "meters"];
    private static readonly string[] PeriodFields = ["every", "anchor_day", "timezone"];
    private static readonly string[] PriceFields = ["unit_price", "by", "mode", "tiers", "percent_of", "percent", "max_per_period"];
    private static readonly string[] TierFields = ["up_to", "unit_price"];
    private static readonly string[] CapFields = ["max_per_period"];
    private static readonly string[] MeterFields = ["event", "aggregate", "property", "unit_price", "mode", "tiers"];
    private static readonly string[] Intervals = ["month", "week"];
    private static readonly string[] Modes = ["graduated", "volume"];
    private static readonly string[] Aggregates = ["count", "sum", "max", "unique_count"];

    private readonly int _before = errors.Count;

    // Amounts are checked against the currency's minor unit; unknown while the currency itself is wrong.
    private string? _currency;

    public Contract? Bind(SyntaxNode root)
    {
        if (root is not MappingNode map)
        {
            Error(string.Empty, root, "a contract must be a mapping of fields", "start with currency:, billing_period: and prices:");
            return null;
        }

        var f = Fields(map, string.Empty, TopFields, "top-level field", "valid top-level fields");

        string? tenant = null;
        if (f.TryGetValue("tenant", out var t) && Text("tenant", t.Value) is { } tenantText)
        {
            if (TenantIds.IsValid(tenantText))
            {
                tenant = tenantText;
            }
            else
            {
                Error("tenant", t.Value, $"'{tenantText}' is not a valid tenant id", "use 1-64 characters of a-z, 0-9, '_' and '-', starting with a letter or digit, or leave tenant out");
            }
        }

        _currency = f.TryGetValue("currency", out var c) ? Currency(c.Value) : Missing(map, "currency", "add currency: with an ISO 4217 code, e.g. currency: USD");
        var period = f.TryGetValue("billing_period", out var bp) ? Period(bp.Value) : BillingPeriod.Default;
        var baseFee = f.TryGetValue("base_fee", out var bf) ? Amount("base_fee", bf.Value) : null;
        var prices = f.TryGetValue("prices", out var p) ? Prices(p.Value) : [];
        var cap = f.TryGetValue("cap", out var cp) ? Cap(cp.Value) : null;
        var minimumCommit = f.TryGetValue("minimum_commit", out var mc) ? Amount("minimum_commit", mc.Value) : null;
        // With a broken billing_period the date is still checked (in UTC), so its own mistakes show up too.
        var effectiveFrom = f.TryGetValue("effective_from", out var ef) ? EffectiveFrom(ef.Value, period?.TimeZone ?? "UTC") : null;
        var meters = f.TryGetValue("meters", out var m) ? Meters(m.Value) : [];

        if (cap is not null && minimumCommit is { } commit && cap.MaxPerPeriod < commit)
        {
            Error("cap.max_per_period", f["cap"].Value, $"the cap {Show(cap.MaxPerPeriod)} is below the minimum commit {Show(commit)}, so usage could never reach the commitment",
                $"raise cap.max_per_period to at least {Show(commit)}, or lower minimum_commit");
        }

        if (!f.ContainsKey("prices") && !f.ContainsKey("meters") && !f.ContainsKey("base_fee") && !f.ContainsKey("minimum_commit"))
        {
            Error(string.Empty, map, "the contract charges nothing", "add prices: for outcomes, meters: for usage, or a base_fee:");
        }

        if (errors.Count > _before || _currency is null || period is null)
        {
            return null;
        }

        return new Contract(tenant, _currency, period, baseFee, prices, cap, minimumCommit, effectiveFrom, meters);
    }

    private string? Currency(SyntaxNode node)
    {
        if (Text("currency", node) is not { } code)
        {
            return null;
        }

        if (Currencies.IsKnown(code))
        {
            return code;
        }

        var upper = code.ToUpperInvariant();
        var hint = Currencies.IsKnown(upper)
            ? $"write it in upper case: {upper}"
            : Suggestions.DidYouMean(code, Currencies.Codes) + "known ISO 4217 codes: " + string.Join(", ", Currencies.Codes);
        Error("currency", node, $"unknown currency '{code}'", hint);
        return null;
    }

    private BillingPeriod? Period(SyntaxNode node)
    {
        if (node is not MappingNode map)
        {
            Error("billing_period", node, "billing_period must be a mapping", "write billing_period: { every: month, anchor_day: 1, timezone: UTC }");
            return null;
        }

        var f = Fields(map, "billing_period", PeriodFields, "billing_period field", "valid billing_period fields");
        BillingInterval? every = null;
        if (!f.TryGetValue("every", out var e))
        {
            Missing(map, "billing_period.every", "add every: month or every: week");
        }
        else if (Text("billing_period.every", e.Value) is { } interval)
        {
            every = interval switch
            {
                "month" => BillingInterval.Month,
                "week" => BillingInterval.Week,
                _ => null,
            };
            if (every is null)
            {
                Error("billing_period.every", e.Value, $"unknown billing interval '{interval}'", Suggestions.DidYouMean(interval, Intervals) + "use month or week");
            }
        }

        var anchorDay = 1;
        var anchorOk = true;
        if (f.TryGetValue("anchor_day", out var a))
        {
            anchorOk = false;
            if (a.Value is not ScalarNode { Kind: ScalarKind.Number } n || n.Number != decimal.Truncate(n.Number))
            {
                Error("billing_period.anchor_day", a.Value, "anchor_day must be a whole number", every == BillingInterval.Week
                    ? "give the weekday periods start on, 1 (Monday) to 7 (Sunday)"
                    : "give the day of the month periods start on, 1 to 28");
            }
            else if (every == BillingInterval.Week && n.Number is < 1 or > 7)
            {
                Error("billing_period.anchor_day", a.Value, $"anchor_day {n.Text} is not a weekday", "weekly periods start on an ISO weekday: 1 (Monday) to 7 (Sunday)");
            }
            else if (every != BillingInterval.Week && n.Number is < 1 or > 28)
            {
                Error("billing_period.anchor_day", a.Value, $"anchor_day {n.Text} is outside 1 to 28",
                    "monthly periods start on a day every month has: 1 to 28 (use 1 for calendar months)");
            }
            else
            {
                anchorDay = (int)n.Number;
                anchorOk = true;
            }
        }

        var timeZone = "UTC";
        var timeZoneOk = true;
        if (f.TryGetValue("timezone", out var tz))
        {
            timeZoneOk = false;
            if (Text("billing_period.timezone", tz.Value) is { } id)
            {
                if (stored ? TimeZones.IsValidStored(id) : TimeZones.IsValid(id))
                {
                    timeZone = id;
                    timeZoneOk = true;
                }
                else
                {
                    Error("billing_period.timezone", tz.Value, $"unknown time zone '{id}'", TimeZones.Hint(id));
                }
            }
        }

        return every is { } interval2 && anchorOk && timeZoneOk ? new BillingPeriod(interval2, anchorDay, timeZone) : null;
    }

    private ValueArray<OutcomePrice> Prices(SyntaxNode node)
    {
        if (node is not MappingNode map)
        {
            Error("prices", node, "prices must map outcome names to prices", "write prices: { ticket_resolved: { unit_price: 2.00 } }");
            return [];
        }

        var result = new List<OutcomePrice>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            var path = Join("prices", key.Text);
            if (!seen.Add(key.Text))
            {
                Error(path, key, $"the outcome '{key.Text}' is priced twice", "give each outcome one price");
                continue;
            }

            if (!DefinitionNames.IsValid(key.Text))
            {
                Error(path, key, $"'{key.Text}' is not an outcome name", $"outcome names are {DefinitionNames.Rule}, as in the outcome definition");
                continue;
            }

            if (knownOutcomes is not null && !knownOutcomes.Contains(key.Text))
            {
                warnings.Add(new ContractError(path, key.Line, key.Column, $"no outcome definition is named '{key.Text}'",
                    Suggestions.DidYouMean(key.Text, knownOutcomes) + $"the price applies once a definition with this name is published (PUT /v1/outcomes/{key.Text})"));
            }

            if (Price(path, key.Text, value) is { } price)
            {
                result.Add(price);
            }
        }

        return result.OrderBy(p => p.Outcome, StringComparer.Ordinal).ToValueArray();
    }

    private OutcomePrice? Price(string path, string outcome, SyntaxNode node)
    {
        if (node is not MappingNode map)
        {
            Error(path, node, "a price must be a mapping", "write e.g. { unit_price: 2.00 }, { mode: graduated, tiers: [...] } or { percent_of: amount, percent: 1.5 }");
            return null;
        }

        var f = Fields(map, path, PriceFields, "price field", "valid price fields");
        var kinds = new List<string>();
        foreach (var kind in new[] { "unit_price", "tiers", "percent_of" })
        {
            if (f.ContainsKey(kind) || (kind == "percent_of" && f.ContainsKey("percent")))
            {
                kinds.Add(kind);
            }
        }

        var maxPerPeriod = f.TryGetValue("max_per_period", out var mp) ? Amount(Join(path, "max_per_period"), mp.Value) : null;
        if (kinds.Count == 0)
        {
            Error(path, map, "the price says neither unit_price, tiers nor percent", "add unit_price: 2.00, or mode: graduated with tiers:, or percent_of: amount with percent: 1.5");
            return null;
        }

        if (kinds.Count > 1)
        {
            var second = kinds[1] == "percent_of" && !f.ContainsKey("percent_of") ? "percent" : kinds[1];
            Error(Join(path, second), f[second].Key, $"a price is one of unit_price, tiers or percent, but '{kinds[0]}' and '{second}' are both given",
                "keep one kind of price per outcome");
            return null;
        }

        foreach (var (field, belongsTo) in new[] { ("by", "unit_price"), ("mode", "tiers") })
        {
            if (f.TryGetValue(field, out var stray) && kinds[0] != belongsTo)
            {
                Error(Join(path, field), stray.Key, $"{field} only goes with {belongsTo}", $"remove {field}, or price the outcome with {belongsTo}");
                return null;
            }
        }

        switch (kinds[0])
        {
            case "unit_price":
                var unit = UnitPrice(Join(path, "unit_price"), f["unit_price"].Value);
                var by = f.TryGetValue("by", out var b) ? By(Join(path, "by"), b.Value) : [];
                return unit is { } u ? new FlatPrice(outcome, u, by, maxPerPeriod) : null;
            case "tiers":
                var mode = f.TryGetValue("mode", out var m) ? Mode(Join(path, "mode"), m.Value) : TierMode.Graduated;
                var tiers = Tiers(Join(path, "tiers"), f["tiers"].Value, wholeUpTo: true);
                return mode is { } md && tiers is { } ts ? new TieredPrice(outcome, md, ts, maxPerPeriod) : null;
            default:
                return Percent(path, outcome, map, f, maxPerPeriod);
        }
    }

    private PercentPrice? Percent(string path, string outcome, MappingNode map, Dictionary<string, (ScalarNode Key, SyntaxNode Value)> f, decimal? maxPerPeriod)
    {
        string? of = null;
        if (!f.TryGetValue("percent_of", out var o))
        {
            Missing(map, Join(path, "percent_of"), "name the outcome value the percentage is taken of, e.g. percent_of: amount");
        }
        else if (Text(Join(path, "percent_of"), o.Value) is { } ofText)
        {
            if (IsPropertyPath(ofText))
            {
                of = ofText;
            }
            else
            {
                Error(Join(path, "percent_of"), o.Value, $"'{ofText}' is not a value name", "name the outcome's value as a property path without spaces, e.g. amount or deal.amount");
            }
        }

        decimal? percent = null;
        if (!f.TryGetValue("percent", out var pc))
        {
            Missing(map, Join(path, "percent"), "add percent: with the percentage, e.g. percent: 1.5 for 1.5 %");
        }
        else if (Number(Join(path, "percent"), pc.Value, "write the percentage as a number, e.g. percent: 1.5 for 1.5 %") is { } n)
        {
            if (n is < 0 or > 100)
            {
                Error(Join(path, "percent"), pc.Value, $"percent {Show(n)} is outside 0 to 100", "write the percentage itself: 1.5 means 1.5 %");
            }
            else if (Currencies.Decimals(n) > MaxUnitPriceDecimals)
            {
                Error(Join(path, "percent"), pc.Value, $"percent {Show(n)} has more than {MaxUnitPriceDecimals} decimals", $"round it to at most {MaxUnitPriceDecimals} decimals");
            }
            else
            {
                percent = n;
            }
        }

        return of is not null && percent is { } p ? new PercentPrice(outcome, of, p, maxPerPeriod) : null;
    }

    private ValueArray<PriceOverride> By(string path, SyntaxNode node)
    {
        if (node is not MappingNode map || map.Entries.Count == 0)
        {
            Error(path, node, "by must map a dimension to prices by value", "write by: { lead.segment: { enterprise: 120.00 } }");
            return [];
        }

        // One dimension only: with two, a charge matching both would depend on key order, which JSON (and jsonb) do not keep.
        if (map.Entries.Count > 1)
        {
            var (first, second) = (map.Entries[0].Key, map.Entries[1].Key);
            Error(Join(path, second.Text), second, $"by prices on one dimension, but '{first.Text}' and '{second.Text}' are both given",
                "keep the dimension that sets the price; to price by two properties, give the definition one dimension that combines them");
            return [];
        }

        var result = new List<PriceOverride>();
        foreach (var (dimension, values) in map.Entries)
        {
            var here = Join(path, dimension.Text);
            if (!IsPropertyPath(dimension.Text))
            {
                Error(here, dimension, $"'{dimension.Text}' is not a property path", "name a dimension of the outcome definition, e.g. lead.segment");
                continue;
            }

            if (values is not MappingNode valueMap || valueMap.Entries.Count == 0)
            {
                Error(here, values, "expected a mapping of dimension values to unit prices", $"write {dimension.Text}: {{ enterprise: 120.00 }}");
                continue;
            }

            var seenValues = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (value, price) in valueMap.Entries)
            {
                var at = Join(here, value.Text);
                if (!seenValues.Add(value.Text))
                {
                    Error(at, value, $"the value '{value.Text}' is priced twice", "give each value one price");
                }
                else if (UnitPrice(at, price) is { } unit)
                {
                    result.Add(new PriceOverride(dimension.Text, value.Text, unit));
                }
            }
        }

        return result.ToValueArray();
    }

    private TierMode? Mode(string path, SyntaxNode node)
    {
        switch (Text(path, node))
        {
            case "graduated":
                return TierMode.Graduated;
            case "volume":
                return TierMode.Volume;
            case { } other:
                Error(path, node, $"unknown tier mode '{other}'", Suggestions.DidYouMean(other, Modes)
                    + "use graduated (each unit priced at the tier it falls in) or volume (all units at the tier the total reaches)");
                return null;
            default:
                return null;
        }
    }

    private ValueArray<PriceTier>? Tiers(string path, SyntaxNode node, bool wholeUpTo)
    {
        if (node is not SequenceNode seq || seq.Items.Count == 0)
        {
            Error(path, node, "tiers must be a non-empty list", "write tiers: [ { up_to: 1000, unit_price: 1.00 }, { unit_price: 0.60 } ]");
            return null;
        }

        var result = new List<PriceTier>();
        var ok = true;
        decimal? previous = null;
        for (var i = 0; i < seq.Items.Count; i++)
        {
            var here = $"{path}[{i}]";
            var last = i == seq.Items.Count - 1;
            if (seq.Items[i] is not MappingNode tier)
            {
                Error(here, seq.Items[i], "a tier must be a mapping", "write { up_to: 1000, unit_price: 1.00 }");
                ok = false;
                continue;
            }

            var f = Fields(tier, here, TierFields, "tier field", "valid tier fields");
            decimal? upTo = null;
            if (f.TryGetValue("up_to", out var u))
            {
                upTo = UpTo(Join(here, "up_to"), u.Value, wholeUpTo);
                if (upTo is null)
                {
                    ok = false;
                }
                else if (last)
                {
                    Error(Join(here, "up_to"), u.Value, "the last tier must be open: it prices everything above the tier before it",
                        $"remove up_to from the last tier, or add a final tier without up_to for quantities above {Show(upTo.Value)}");
                    ok = false;
                }
                else if (previous is { } before && upTo <= before)
                {
                    Error(Join(here, "up_to"), u.Value, $"up_to {Show(upTo.Value)} is not greater than the previous tier's up_to {Show(before)}",
                        "list tiers from the lowest; each up_to must be greater than the one before");
                    ok = false;
                }
                else
                {
                    previous = upTo;
                }
            }
            else if (!last)
            {
                Error(here, tier, "only the last tier may be open (without up_to)", "give this tier an up_to, or make it the last tier");
                ok = false;
            }

            decimal? unit = null;
            if (f.TryGetValue("unit_price", out var up))
            {
                unit = UnitPrice(Join(here, "unit_price"), up.Value);
            }
            else
            {
                Missing(tier, Join(here, "unit_price"), "add unit_price: with the price of each unit in this tier");
            }

            if (unit is { } price)
            {
                result.Add(new PriceTier(upTo, price));
            }
            else
            {
                ok = false;
            }
        }

        return ok ? result.ToValueArray() : null;
    }

    private decimal? UpTo(string path, SyntaxNode node, bool whole)
    {
        if (Number(path, node, "write the upper bound of the tier as a number, e.g. up_to: 1000") is not { } n)
        {
            return null;
        }

        if (n <= 0)
        {
            Error(path, node, $"up_to must be greater than 0, found {Show(n)}", "tiers start at zero; up_to is where this tier ends");
            return null;
        }

        if (whole && n != decimal.Truncate(n))
        {
            Error(path, node, $"up_to counts outcomes and must be a whole number, found {Show(n)}", $"write up_to: {Show(decimal.Floor(n))}");
            return null;
        }

        return n;
    }

    private ContractCap? Cap(SyntaxNode node)
    {
        if (node is not MappingNode map)
        {
            Error("cap", node, "cap must be a mapping", "write cap: { max_per_period: 25000.00 }");
            return null;
        }

        var f = Fields(map, "cap", CapFields, "cap field", "valid cap fields");
        if (!f.TryGetValue("max_per_period", out var m))
        {
            Missing(map, "cap.max_per_period", "add max_per_period: with the most one billing period's usage may cost");
            return null;
        }

        return Amount("cap.max_per_period", m.Value) is { } max ? new ContractCap(max) : null;
    }

    private DateTimeOffset? EffectiveFrom(SyntaxNode node, string timeZone)
    {
        const string Hint = "write a date such as 2026-01-01 (00:00 in the billing time zone) or an instant with its offset such as 2026-01-01T00:00:00Z";
        if (node is not ScalarNode { Kind: ScalarKind.String } s)
        {
            Error("effective_from", node, "effective_from must be a date or an instant", Hint);
            return null;
        }

        DateTimeOffset? from = null;
        if (DateOnly.TryParseExact(s.Text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            // A date outside the range is refused before its midnight is computed (which could leave the calendar).
            from = Instants.InRange(date) ? TimeZones.StartOfDay(TimeZones.GetStored(timeZone), date) : DateTimeOffset.MinValue;
        }
        else if (Instants.TryParse(s.Text.AsSpan(), out var instant) is var parsed && parsed != InstantParse.Malformed)
        {
            // Out of range is reported below, by the range check, with the text as written.
            from = instant;
        }

        if (from is not { } result)
        {
            Error("effective_from", node, $"'{s.Text}' is not a date or an instant", Hint);
            return null;
        }

        if (!Instants.InRange(result))
        {
            Error("effective_from", node, Instants.OutOfRange("effective_from", s.Text), Instants.RangeHint);
            return null;
        }

        return result;
    }

    private ValueArray<Meter> Meters(SyntaxNode node)
    {
        if (node is not MappingNode map)
        {
            Error("meters", node, "meters must map meter names to meters", "write meters: { api_calls: { event: api.called, aggregate: count, unit_price: 0.001 } }");
            return [];
        }

        var result = new List<Meter>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            var path = Join("meters", key.Text);
            if (!seen.Add(key.Text))
            {
                Error(path, key, $"the meter '{key.Text}' is given twice", "give each meter one definition");
            }
            else if (!DefinitionNames.IsValid(key.Text))
            {
                Error(path, key, $"'{key.Text}' is not a valid meter name", $"meter names are {DefinitionNames.Rule}");
            }
            else if (Meter(path, key.Text, value) is { } meter)
            {
                result.Add(meter);
            }
        }

        return result.OrderBy(m => m.Name, StringComparer.Ordinal).ToValueArray();
    }

    private Meter? Meter(string path, string name, SyntaxNode node)
    {
        if (node is not MappingNode map)
        {
            Error(path, node, "a meter must be a mapping", "write { event: api.called, aggregate: count, unit_price: 0.001 }");
            return null;
        }

        var f = Fields(map, path, MeterFields, "meter field", "valid meter fields");
        var before = errors.Count;
        string? eventType = null;
        if (!f.TryGetValue("event", out var e))
        {
            Missing(map, Join(path, "event"), "add event: with the event type the meter counts, e.g. event: api.called");
        }
        else if (Text(Join(path, "event"), e.Value) is { } type)
        {
            if (stored ? EventTypes.IsValidStored(type) : EventTypes.IsValid(type))
            {
                eventType = type;
            }
            else
            {
                // Ingestion refuses such a type, so the meter would never count an event and would bill 0.
                Error(Join(path, "event"), e.Value, $"'{type}' is not an event type agents can send, so the meter would never count anything", EventTypes.Hint(type));
            }
        }

        MeterAggregate? aggregate = null;
        if (!f.TryGetValue("aggregate", out var a))
        {
            Missing(map, Join(path, "aggregate"), "add aggregate: count, sum, max or unique_count");
        }
        else if (Text(Join(path, "aggregate"), a.Value) is { } agg)
        {
            aggregate = agg switch
            {
                "count" => MeterAggregate.Count,
                "sum" => MeterAggregate.Sum,
                "max" => MeterAggregate.Max,
                "unique_count" => MeterAggregate.UniqueCount,
                _ => null,
            };
            if (aggregate is null)
            {
                Error(Join(path, "aggregate"), a.Value, $"unknown aggregate '{agg}'", Suggestions.DidYouMean(agg, Aggregates) + "use count, sum, max or unique_count");
            }
        }

        string? property = null;
        if (f.TryGetValue("property", out var pr))
        {
            if (aggregate == MeterAggregate.Count)
            {
                Error(Join(path, "property"), pr.Key, "a count meter counts events and reads no property", "remove property, or use sum, max or unique_count to read it");
            }
            else if (Text(Join(path, "property"), pr.Value) is { } text)
            {
                if (IsPropertyPath(text))
                {
                    property = text;
                }
                else
                {
                    Error(Join(path, "property"), pr.Value, $"'{text}' is not a property path", "write dot-separated property names without spaces, e.g. usage.tokens");
                }
            }
        }
        else if (aggregate is MeterAggregate.Sum or MeterAggregate.Max or MeterAggregate.UniqueCount)
        {
            Missing(map, Join(path, "property"), $"add property: with the event property to {(aggregate == MeterAggregate.UniqueCount ? "count distinct values of" : "aggregate")}, e.g. property: tokens");
        }

        decimal? unit = null;
        var mode = TierMode.Graduated;
        ValueArray<PriceTier> tiers = [];
        var hasUnit = f.TryGetValue("unit_price", out var up);
        var hasTiers = f.TryGetValue("tiers", out var ts);
        if (hasUnit && hasTiers)
        {
            Error(Join(path, "tiers"), ts.Key, "a meter is priced by unit_price or by tiers, not both", "keep one of them");
        }
        else if (hasUnit)
        {
            unit = UnitPrice(Join(path, "unit_price"), up.Value);
            if (f.TryGetValue("mode", out var stray))
            {
                Error(Join(path, "mode"), stray.Key, "mode only goes with tiers", "remove mode, or price the meter with tiers");
            }
        }
        else if (hasTiers)
        {
            mode = f.TryGetValue("mode", out var m) ? Mode(Join(path, "mode"), m.Value) ?? mode : mode;
            tiers = Tiers(Join(path, "tiers"), ts.Value, wholeUpTo: false) ?? [];
        }
        else
        {
            Error(path, map, "the meter has no price", "add unit_price: 0.001, or tiers: with a mode");
        }

        return errors.Count > before || eventType is null || aggregate is null ? null : new Meter(name, eventType, aggregate.Value, property, unit, mode, tiers);
    }

    /// <summary>A unit price: a number of at least 0 with at most <see cref="MaxUnitPriceDecimals"/> decimals.</summary>
    private decimal? UnitPrice(string path, SyntaxNode node)
    {
        if (Number(path, node, "write the price as a number, e.g. 2.00") is not { } n)
        {
            return null;
        }

        if (n < 0)
        {
            Error(path, node, $"a price cannot be negative, found {Show(n)}", "write a price of 0 or more; give credits through the ledger, not through prices");
            return null;
        }

        if (Currencies.Decimals(n) > MaxUnitPriceDecimals)
        {
            Error(path, node, $"the unit price {Show(n)} has {Currencies.Decimals(n)} decimals; at most {MaxUnitPriceDecimals} are allowed",
                $"round it to {MaxUnitPriceDecimals} decimals, e.g. {Show(Math.Round(n, MaxUnitPriceDecimals, MidpointRounding.AwayFromZero))}");
            return null;
        }

        return n;
    }

    /// <summary>An amount of money (fee, cap, commitment): at least 0 and exact in the currency's minor unit.</summary>
    private decimal? Amount(string path, SyntaxNode node)
    {
        if (Number(path, node, "write the amount as a number, e.g. 500.00") is not { } n)
        {
            return null;
        }

        if (n < 0)
        {
            Error(path, node, $"an amount cannot be negative, found {Show(n)}", "write an amount of 0 or more");
            return null;
        }

        if (_currency is { } currency && !Currencies.IsExact(n, currency))
        {
            var exponent = Currencies.Exponent(currency);
            Error(path, node, $"{Show(n)} has more decimals than {currency} has minor units ({exponent})",
                $"write the amount in whole {(exponent == 0 ? currency + " units" : "minor units")}, e.g. {Currencies.Round(n, currency).ToString("F" + exponent, CultureInfo.InvariantCulture)}");
            return null;
        }

        return n;
    }

    // JSON clients often send money as strings to avoid binary floating point; a numeric string is accepted.
    private decimal? Number(string path, SyntaxNode node, string hint)
    {
        switch (node)
        {
            case ScalarNode { Kind: ScalarKind.Number } n:
                return n.Number;
            case ScalarNode { Kind: ScalarKind.String } s when NumberPattern().IsMatch(s.Text)
                && decimal.TryParse(s.Text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var parsed):
                return parsed;
            default:
                Error(path, node, "expected a number", hint);
                return null;
        }
    }

    private string? Text(string path, SyntaxNode node)
    {
        if (node is ScalarNode { Kind: not ScalarKind.Null } s && s.Text.Length > 0)
        {
            return s.Text;
        }

        Error(path, node, "expected a text value", "write a single value on the same line");
        return null;
    }

    private string? Missing(MappingNode map, string path, string hint)
    {
        var field = path[(path.LastIndexOf('.') + 1)..];
        Error(path, map, $"the field '{field}' is required", hint);
        return null;
    }

    private Dictionary<string, (ScalarNode Key, SyntaxNode Value)> Fields(MappingNode map, string path, string[] allowed, string what, string valid)
    {
        var result = new Dictionary<string, (ScalarNode Key, SyntaxNode Value)>(StringComparer.Ordinal);
        foreach (var (key, value) in map.Entries)
        {
            if (!allowed.Contains(key.Text))
            {
                Error(Join(path, key.Text), key, $"unknown {what} '{key.Text}'", Suggestions.DidYouMean(key.Text, allowed) + $"{valid}: " + string.Join(", ", allowed));
            }
            else if (!result.TryAdd(key.Text, (key, value)))
            {
                Error(Join(path, key.Text), key, $"the field '{key.Text}' is given twice", "remove one of them");
            }
        }

        return result;
    }

    private static bool IsPropertyPath(string text) =>
        text.Length > 0 && text.Length <= 200 && !text.Split('.').Any(s => s.Length == 0 || s.Any(char.IsWhiteSpace));

    private static string Show(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    private void Error(string path, SyntaxNode? node, string message, string hint) =>
        errors.Add(new ContractError(path, node?.Line, node?.Column, message, hint));

    // Keys with dots (dimension paths) are quoted so the path stays unambiguous: prices.x.by["lead.segment"].
    private static string Join(string path, string key)
    {
        var part = key.Length == 0 || key.Contains('.', StringComparison.Ordinal) || key.Contains(' ', StringComparison.Ordinal) || key.Contains('[', StringComparison.Ordinal)
            ? $"[\"{key}\"]"
            : key;
        return path.Length == 0 ? part : part.StartsWith('[') ? path + part : path + "." + part;
    }

    [GeneratedRegex(@"^[-+]?[0-9]+(\.[0-9]+)?$", RegexOptions.CultureInvariant)]
    private static partial Regex NumberPattern();
}
