using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Witn.Abstractions.Quality;
using Witn.Api.Http;
using Witn.Api.Security;
using Witn.Domain.Quality;

namespace Witn.Api.Quality;

/// <summary>
/// Revenue quality (docs/quality.md): <c>GET /v1/tenants/{tenant}/quality</c> and <c>…/quality/compare</c>, sums
/// of the counters kept with every outcome, ledger, dispute and log write; never a scan per request.
/// </summary>
public static class QualityEndpoints
{
    private const string Test = "pooled two-proportion z-test, two-sided, beyond noise at p < 0.05 when each side expects at least 5 of each kind";

    public static RouteGroupBuilder MapQuality(this RouteGroupBuilder tenant)
    {
        var quality = tenant.MapGroup("").WithTags("Quality");
        quality.MapGet("/quality", QueryAsync).RequireAuthorization(WitnPolicies.Read)
            .WithSummary("Outcome, ledger and event quality figures of the UTC days [from, to), grouped with ?by=definition|agent|agent_version and split with ?interval=day|week.");
        quality.MapGet("/quality/compare", CompareAsync).RequireAuthorization(WitnPolicies.Read)
            .WithSummary("Two versions of one agent side by side over [from, to): every figure, and each rate's difference with a two-proportion z-test and the counts it used.");
        return tenant;
    }

    private static async Task<Results<Ok<QualityResponse>, ProblemHttpResult>> QueryAsync(
        string tenant, string? from, string? to, string? by, string? interval, IGrainFactory grains)
    {
        var errors = new List<InputError>();
        var (since, until) = Range(from, to, errors);
        var grouping = QualityGroupings.Parse(by);
        if (grouping is null)
        {
            errors.Add(new InputError("by", $"'{by}' is not a grouping of the quality figures", "use by=definition, by=agent or by=agent_version, or leave by out for one group"));
        }

        QualityInterval? split = interval switch
        {
            null => QualityInterval.Whole,
            "day" => QualityInterval.Day,
            "week" => QualityInterval.Week,
            _ => null,
        };
        if (split is null)
        {
            errors.Add(new InputError("interval", $"'{interval}' is not an interval of the quality figures", "use interval=day or interval=week (ISO weeks from Monday, UTC), or leave it out for the whole range"));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid($"the quality query has {errors.Count} error(s)", errors);
        }

        var rows = await grains.GetGrain<IQualityGrain>(0).QueryAsync(new QualityRequest(tenant, since, until, grouping!.Value, split!.Value));
        var eventsPlaced = grouping != QualityGrouping.Definition;
        var groups = rows
            .GroupBy(r => (r.Definition, r.AgentId, r.AgentVersion))
            .Select(g => new QualityGroupResponse(
                g.Key.Definition,
                grouping is QualityGrouping.Agent or QualityGrouping.AgentVersion ? new QualityAgentResponse(NoneAsNull(g.Key.AgentId), NoneAsNull(g.Key.AgentVersion)) : null,
                [.. g.Select(r =>
                {
                    var (start, end) = Bounds(r.Period, split.Value, since, until);
                    return QualityFiguresResponse.Of(r, start, end, eventsPlaced);
                })]))
            .ToList();
        if (groups.Count == 0 && grouping == QualityGrouping.None)
        {
            // Nothing counted: still the one group, of zeros over the range.
            groups.Add(new QualityGroupResponse(null, null, [QualityFiguresResponse.Of(Empty, since, until, true)]));
        }

        return TypedResults.Ok(new QualityResponse(tenant, since, until, by, interval, groups));
    }

    private static async Task<Results<Ok<QualityCompareResponse>, ProblemHttpResult>> CompareAsync(
        string tenant, string? from, string? to, string? definition, string? agent, string? versions, IGrainFactory grains)
    {
        var errors = new List<InputError>();
        var (since, until) = Range(from, to, errors);
        if (definition is { Length: 0 })
        {
            errors.Add(new InputError("definition", "definition is empty", "name a definition, or leave definition out to compare over all of them"));
        }

        if (string.IsNullOrEmpty(agent))
        {
            errors.Add(new InputError("agent", "agent is required: versions are compared within one agent", "give the agent id, such as agent=support-bot"));
        }

        var pair = versions?.Split(',') ?? [];
        if (pair.Length != 2 || pair.Any(v => v.Length == 0) || pair[0] == pair[1])
        {
            errors.Add(new InputError("versions", versions is null ? "versions is required" : $"'{versions}' is not two different versions", "give two versions separated by a comma, such as versions=3.1,3.2"));
        }

        if (errors.Count > 0)
        {
            return Problems.Invalid($"the quality comparison has {errors.Count} error(s)", errors);
        }

        var rows = await grains.GetGrain<IQualityGrain>(0).QueryAsync(
            new QualityRequest(tenant, since, until, QualityGrouping.AgentVersion, QualityInterval.Whole, definition, agent, pair));
        var eventsPlaced = definition is null;
        var sides = pair.Select(v => rows.FirstOrDefault(r => r.AgentVersion == v) ?? Empty).ToArray();
        var comparisons = QualityFigures.All
            .Where(f => eventsPlaced || f != QualityFigure.DuplicateSuppression)
            .Select(f =>
            {
                var (firstPart, firstWhole) = QualityFigures.Of(sides[0].Counts, f);
                var (secondPart, secondWhole) = QualityFigures.Of(sides[1].Counts, f);
                return QualityComparisonResponse.From(f, TwoProportionTest.Compare(firstPart, firstWhole, secondPart, secondWhole));
            })
            .ToList();
        return TypedResults.Ok(new QualityCompareResponse(
            tenant, since, until, definition, agent!,
            [.. pair.Select((v, i) => new QualityVersionResponse(v, QualityFiguresResponse.Of(sides[i], since, until, eventsPlaced)))],
            comparisons,
            Test));
    }

    private static readonly QualityGroup Empty = new(null, null, null, null, QualityCounts.Zero, [], [], []);

    // Counters are per UTC day, so a range is whole days: from and to must each be the start of one.
    private static (DateTimeOffset? From, DateTimeOffset? To) Range(string? from, string? to, List<InputError> errors)
    {
        var since = Day("from", from, errors);
        var until = Day("to", to, errors);
        if (since is { } f && until is { } t && t < f)
        {
            errors.Add(new InputError("to", "'to' is before 'from'", "give 'to' at or after 'from'"));
        }

        return (since, until);
    }

    private static DateTimeOffset? Day(string name, string? text, List<InputError> errors)
    {
        if (!QueryInstant.TryParse(name, text, out var instant, out var error))
        {
            errors.Add(error);
            return null;
        }

        if (instant is { } at && at.UtcDateTime.TimeOfDay != TimeSpan.Zero)
        {
            errors.Add(new InputError(name, $"'{text}' is not the start of a UTC day", $"quality is counted per UTC day: give {name} at 00:00:00Z, such as 2026-11-01T00:00:00Z"));
            return null;
        }

        return instant?.ToUniversalTime();
    }

    // An interval's bounds, cut to the range asked for (a week may start before 'from' or end after 'to').
    private static (DateTimeOffset? From, DateTimeOffset? To) Bounds(DateTimeOffset? period, QualityInterval split, DateTimeOffset? since, DateTimeOffset? until)
    {
        if (period is not { } start)
        {
            return (since, until);
        }

        var end = start.AddDays(split == QualityInterval.Week ? 7 : 1);
        return (since is { } f && f > start ? f : start, until is { } t && t < end ? t : end);
    }

    private static string? NoneAsNull(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
