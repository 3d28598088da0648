using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Witn.Domain.Common;

namespace Witn.Domain.Contracts.Syntax;

/// <summary>
/// Writes the canonical JSON form of a contract: every field spelled out (defaults included), numbers without
/// trailing zeros, instants in UTC, prices and meters by name. It is itself valid contract JSON, so
/// parse(canonical) gives the same contract; no meaning depends on key order, so it survives jsonb.
/// </summary>
internal static class ContractCanonicalWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Contract c)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, Options))
        {
            w.WriteStartObject();
            if (c.Tenant is { } tenant)
            {
                w.WriteString("tenant", tenant);
            }

            w.WriteString("currency", c.Currency);
            w.WriteStartObject("billing_period");
            w.WriteString("every", c.BillingPeriod.Every == BillingInterval.Week ? "week" : "month");
            w.WriteNumber("anchor_day", c.BillingPeriod.AnchorDay);
            w.WriteString("timezone", c.BillingPeriod.TimeZone);
            w.WriteEndObject();
            Number(w, "base_fee", c.BaseFee);
            w.WriteStartObject("prices");
            foreach (var price in c.Prices)
            {
                w.WriteStartObject(price.Outcome);
                switch (price)
                {
                    case FlatPrice flat:
                        Number(w, "unit_price", flat.UnitPrice);
                        if (!flat.By.IsEmpty)
                        {
                            w.WriteStartObject("by");
                            foreach (var group in flat.By.GroupBy(o => o.Path, StringComparer.Ordinal))
                            {
                                w.WriteStartObject(group.Key);
                                foreach (var o in group)
                                {
                                    Number(w, o.Value, o.UnitPrice);
                                }

                                w.WriteEndObject();
                            }

                            w.WriteEndObject();
                        }

                        break;
                    case TieredPrice tiered:
                        w.WriteString("mode", Mode(tiered.Mode));
                        Tiers(w, tiered.Tiers);
                        break;
                    case PercentPrice percent:
                        w.WriteString("percent_of", percent.PercentOf);
                        Number(w, "percent", percent.Percent);
                        break;
                    default:
                        throw new InvalidOperationException($"unknown price {price.GetType().Name}");
                }

                Number(w, "max_per_period", price.MaxPerPeriod);
                w.WriteEndObject();
            }

            w.WriteEndObject();
            if (c.Cap is { } cap)
            {
                w.WriteStartObject("cap");
                Number(w, "max_per_period", cap.MaxPerPeriod);
                w.WriteEndObject();
            }

            Number(w, "minimum_commit", c.MinimumCommit);
            if (c.EffectiveFrom is { } from)
            {
                w.WriteString("effective_from", from.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", System.Globalization.CultureInfo.InvariantCulture));
            }

            w.WriteStartObject("meters");
            foreach (var m in c.Meters)
            {
                w.WriteStartObject(m.Name);
                w.WriteString("event", m.Event);
                w.WriteString("aggregate", m.Aggregate switch
                {
                    MeterAggregate.Count => "count",
                    MeterAggregate.Sum => "sum",
                    MeterAggregate.Max => "max",
                    _ => "unique_count",
                });
                if (m.Property is { } property)
                {
                    w.WriteString("property", property);
                }

                if (m.UnitPrice is { } unit)
                {
                    Number(w, "unit_price", unit);
                }
                else
                {
                    w.WriteString("mode", Mode(m.Mode));
                    Tiers(w, m.Tiers);
                }

                w.WriteEndObject();
            }

            w.WriteEndObject();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static string Mode(TierMode mode) => mode == TierMode.Volume ? "volume" : "graduated";

    private static void Tiers(Utf8JsonWriter w, ValueArray<PriceTier> tiers)
    {
        w.WriteStartArray("tiers");
        foreach (var t in tiers)
        {
            w.WriteStartObject();
            Number(w, "up_to", t.UpTo);
            Number(w, "unit_price", t.UnitPrice);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void Number(Utf8JsonWriter w, string name, decimal? value)
    {
        if (value is { } v)
        {
            // Dividing by 1.000… drops trailing zeros, so 2.00 and 2 are written the same.
            w.WriteNumber(name, v / 1.000000000000000000000000000000000m);
        }
    }
}
