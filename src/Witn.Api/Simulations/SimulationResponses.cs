using System.Text.Json;
using Witn.Abstractions.Replay;
using Witn.Domain.Common;

namespace Witn.Api.Simulations;

/// <summary>Maps a stored simulation (its JSON parts) to the API's shapes.</summary>
public static class SimulationResponses
{
    public static SimulationResponse From(SimulationInfo s)
    {
        var request = JsonSerializer.Deserialize<SimulationRequest>(s.RequestJson);
        var self = $"/v1/simulations/{s.Id}";
        return new SimulationResponse(
            s.Id,
            s.Name,
            request?.Rebuild ?? false,
            s.Status,
            new SimulationProgressResponse(s.EventsRead, s.EventsTotal, s.Outcomes, s.Percent),
            Parity(s.ParityJson),
            Summary(s.SummaryJson),
            s.Error,
            request?.From is { } from ? Instants.Iso(from) : null,
            request?.To is { } to ? Instants.Iso(to) : null,
            request?.Tenants,
            [.. (request?.Definitions?.Keys ?? []).Order(StringComparer.Ordinal)],
            [.. (request?.Contracts?.Keys ?? []).Order(StringComparer.Ordinal)],
            Instants.Iso(s.CreatedAt),
            s.StartedAt is { } started ? Instants.Iso(started) : null,
            s.FinishedAt is { } finished ? Instants.Iso(finished) : null,
            Instants.Iso(s.ExpiresAt),
            new SimulationLinksResponse(self, $"{self}/results", $"{self}/flips", $"{self}/mismatches", $"{self}/report"));
    }

    public static ParityResponse? Parity(string? json)
    {
        if (json is null)
        {
            return null;
        }

        var root = JsonDocument.Parse(json).RootElement;
        return new ParityResponse(
            root.GetProperty("holds").GetBoolean(),
            root.GetProperty("outcomes_compared").GetInt64(),
            root.GetProperty("mismatches").GetInt64(),
            root.GetProperty("invoices_checked").GetBoolean(),
            [.. root.GetProperty("invoices").EnumerateArray().Select(i => new ParityInvoiceResponse(
                i.GetProperty("tenant").GetString()!,
                i.GetProperty("period_start").GetString()!,
                i.GetProperty("ledger_total").GetString()!,
                i.GetProperty("replay_total").GetString()!,
                i.GetProperty("currency").GetString()!,
                i.TryGetProperty("final", out var final) && final.GetBoolean(),
                i.GetProperty("matches").GetBoolean()))]);
    }

    public static SimulationFlipResponse Flip(SimulationOutcomeInfo o) =>
        new(o.TenantId, o.Definition, o.Correlation, JsonDocument.Parse(o.BeforeJson).RootElement, JsonDocument.Parse(o.AfterJson).RootElement, o.EventIds);

    public static SimulationMismatchResponse Mismatch(SimulationOutcomeInfo o)
    {
        var root = JsonDocument.Parse(o.BeforeJson).RootElement;
        return new SimulationMismatchResponse(
            o.TenantId,
            o.Definition,
            o.Correlation,
            [.. root.GetProperty("differences").EnumerateArray().Select(d => d.GetString()!)],
            root.GetProperty("replay").Clone(),
            root.GetProperty("ledger").Clone());
    }

    private static SimulationSummaryResponse? Summary(string? json)
    {
        if (json is null)
        {
            return null;
        }

        var root = JsonDocument.Parse(json).RootElement;
        return new SimulationSummaryResponse(
            root.GetProperty("events_read").GetInt64(), root.GetProperty("outcomes").GetInt64(), root.GetProperty("flips").GetInt64(), root.GetProperty("partitions").GetInt32());
    }
}
