using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Witn.Abstractions.Replay;
using Witn.Api.Documentation;
using Witn.Api.Http;
using Witn.Api.Pages;
using Witn.Api.Security;

namespace Witn.Api.Simulations;

/// <summary>
/// <c>/v1/simulations</c> (admin, the whole deployment; docs/simulation.md): replay history with the versions that
/// were in force (parity) and with candidate definitions or contracts, and read what would have been billed.
/// </summary>
public static class SimulationsEndpoints
{
    public static RouteGroupBuilder MapSimulations(this RouteGroupBuilder v1)
    {
        var simulations = v1.MapGroup("/simulations").RequireAuthorization(WitnPolicies.Admin)
            .WithMetadata(KeyReach.Operator("every tenant's history")).WithTags("Simulations");
        simulations.MapPost("/", CreateAsync).RequestBody(typeof(SimulationRequestBody), "application/json")
            .WithSummary("Start a simulation: replay the log with the versions in force (parity first) and with candidate definitions or contracts; 202 with its status.");
        simulations.MapGet("/{id}", GetAsync).WithSummary("A simulation's status, progress, and once done its parity and summary.");
        simulations.MapDelete("/{id}", CancelAsync).WithSummary("Cancel a queued or running simulation (a finished one is answered as it is); results are kept 30 days either way.");
        simulations.MapGet("/{id}/results", ResultsAsync)
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("Actual against simulated by tenant, definition or period (by=), with totals, the per-tenant change and top movers; format=csv for a spreadsheet.");
        simulations.MapGet("/{id}/flips", FlipsAsync)
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .WithSummary("The outcomes whose status or amount changed, with both explanations and their event ids; a page at a time (limit, after), or format=csv for all of them.");
        simulations.MapGet("/{id}/mismatches", MismatchesAsync)
            .WithSummary("Where replay with the versions in force did not give back the ledger, with both sides; a page at a time (limit, after).");
        simulations.MapGet("/{id}/report", ReportAsync).WithHtmlPage().Produces<string>(StatusCodes.Status200OK, "text/html")
            .WithSummary("The HTML report: parity, then actual against simulated by period (with a chart), tenant and definition, and the flipped outcomes.");
        v1.MapGroup("/admin").RequireAuthorization(WitnPolicies.Admin).WithMetadata(KeyReach.Operator("every tenant's outcome state")).WithTags("Simulations")
            .MapPost("/rebuild", RebuildAsync).RequestBody(typeof(RebuildRequestBody), "application/json")
            .WithSummary("Rebuild every outcome's stored state from the log, checked against the ledger; runs as a simulation (202), whose parity reports any difference.");
        return v1;
    }

    private static async Task<Results<Accepted<SimulationResponse>, ProblemHttpResult>> CreateAsync(HttpRequest request, IGrainFactory grains, TimeProvider time)
    {
        var (body, problem) = await JsonBody.ReadAsync<SimulationRequestBody>(request);
        if (problem is not null)
        {
            return problem;
        }

        var (bound, errors) = await SimulationRequestBinder.BindAsync(body!, time.GetUtcNow(), grains);
        if (errors.Count > 0)
        {
            return Problems.Invalid($"the simulation request has {errors.Count} error(s)", errors);
        }

        return await StartAsync(bound!, grains);
    }

    private static async Task<Results<Accepted<SimulationResponse>, ProblemHttpResult>> RebuildAsync(HttpRequest request, IGrainFactory grains, TimeProvider time)
    {
        var (body, problem) = await JsonBody.ReadAsync<RebuildRequestBody>(request);
        if (problem is not null)
        {
            return problem;
        }

        var (bound, errors) = await SimulationRequestBinder.BindRebuildAsync(body!, time.GetUtcNow(), grains);
        if (errors.Count > 0)
        {
            return Problems.Invalid($"the rebuild request has {errors.Count} error(s)", errors);
        }

        return await StartAsync(bound!, grains);
    }

    private static async Task<Results<Ok<SimulationResponse>, ProblemHttpResult>> GetAsync(string id, IGrainFactory grains) =>
        await FindAsync(id, grains) switch
        {
            ({ } found, _) => TypedResults.Ok(SimulationResponses.From(found)),
            (_, var refused) => refused!,
        };

    private static async Task<Results<Ok<SimulationResponse>, ProblemHttpResult>> CancelAsync(string id, IGrainFactory grains)
    {
        var (found, refused) = await FindAsync(id, grains);
        if (found is null)
        {
            return refused!;
        }

        var cancelled = await grains.GetGrain<ISimulationGrain>(found.Id).CancelAsync();
        return TypedResults.Ok(SimulationResponses.From(cancelled ?? found));
    }

    private static async Task<Results<Ok<SimulationResultsResponse>, ContentHttpResult, ProblemHttpResult>> ResultsAsync(string id, string? by, string? format, IGrainFactory grains)
    {
        var errors = new List<InputError>();
        by ??= "tenant";
        if (!SimulationFigures.Groupings.Contains(by))
        {
            errors.Add(new InputError("by", $"'{by}' is not a grouping", $"by is one of {string.Join(", ", SimulationFigures.Groupings)}"));
        }

        CheckFormat(format, errors);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors[0].Message, errors);
        }

        var (found, refused) = await FindAsync(id, grains);
        if (found is null)
        {
            return refused!;
        }

        if (found.Status != "done")
        {
            return NotDone(found);
        }

        var results = SimulationFigures.Results(found, await grains.GetGrain<ISimulationGrain>(found.Id).ResultsAsync(), by);
        return format == "csv" ? TypedResults.Text(SimulationCsv.Results(results), "text/csv", Encoding.UTF8) : TypedResults.Ok(results);
    }

    private static async Task<Results<Ok<Page<SimulationFlipResponse>>, ContentHttpResult, ProblemHttpResult>> FlipsAsync(
        string id, string? format, [AsParameters] PageQuery page, IGrainFactory grains)
    {
        var errors = new List<InputError>();
        var limit = Paging.Limit(page, errors);
        var after = Paging.After<SimulationCursor>(page, errors, "flip (a next_after)", SimulationCursor.Parse);
        CheckFormat(format, errors);
        if (errors.Count > 0)
        {
            return Paging.Invalid(errors, "flip");
        }

        var (found, refused) = await FindAsync(id, grains);
        if (found is null)
        {
            return refused!;
        }

        var grain = grains.GetGrain<ISimulationGrain>(found.Id);
        if (format == "csv")
        {
            return TypedResults.Text(SimulationCsv.Flips(await AllFlipsAsync(grain)), "text/csv", Encoding.UTF8);
        }

        var rows = await grain.OutcomesAsync(false, Paging.Fetch(limit), after?.Tenant, after?.Definition, after?.Correlation);
        return TypedResults.Ok(Paging.Of(rows, limit, SimulationCursor.Of, SimulationResponses.Flip));
    }

    private static async Task<Results<Ok<Page<SimulationMismatchResponse>>, ProblemHttpResult>> MismatchesAsync(string id, [AsParameters] PageQuery page, IGrainFactory grains)
    {
        var errors = new List<InputError>();
        var limit = Paging.Limit(page, errors);
        var after = Paging.After<SimulationCursor>(page, errors, "mismatch (a next_after)", SimulationCursor.Parse);
        if (errors.Count > 0)
        {
            return Paging.Invalid(errors, "mismatch");
        }

        var (found, refused) = await FindAsync(id, grains);
        if (found is null)
        {
            return refused!;
        }

        var rows = await grains.GetGrain<ISimulationGrain>(found.Id).OutcomesAsync(true, Paging.Fetch(limit), after?.Tenant, after?.Definition, after?.Correlation);
        return TypedResults.Ok(Paging.Of(rows, limit, SimulationCursor.Of, SimulationResponses.Mismatch));
    }

    private static async Task<Results<PageResult, ProblemHttpResult>> ReportAsync(string id, IGrainFactory grains)
    {
        var (found, refused) = await FindAsync(id, grains);
        if (found is null)
        {
            return refused!;
        }

        if (found.Status != "done")
        {
            return NotDone(found);
        }

        var grain = grains.GetGrain<ISimulationGrain>(found.Id);
        var rows = await grain.ResultsAsync();
        var byPeriod = SimulationFigures.Results(found, rows, "period");
        var flips = await grain.OutcomesAsync(false, 51, null, null, null);
        return PageResult.Of<SimulationReportPage>(new Dictionary<string, object?>
        {
            [nameof(SimulationReportPage.Simulation)] = SimulationResponses.From(found),
            [nameof(SimulationReportPage.ByPeriod)] = byPeriod,
            [nameof(SimulationReportPage.ByTenant)] = SimulationFigures.Results(found, rows, "tenant"),
            [nameof(SimulationReportPage.ByDefinition)] = SimulationFigures.Results(found, rows, "definition"),
            [nameof(SimulationReportPage.Flips)] = flips.Take(50).Select(SimulationResponses.Flip).ToList(),
            [nameof(SimulationReportPage.FlipCount)] = (long)(flips.Length > 50 ? (await AllFlipsAsync(grain)).Count : flips.Length),
            [nameof(SimulationReportPage.Chart)] = SimulationFigures.Chart(rows),
        });
    }

    // A simulation (or a rebuild, which runs as one) under a new id, started: 202 with where to follow it.
    private static async Task<Accepted<SimulationResponse>> StartAsync(SimulationRequest request, IGrainFactory grains)
    {
        var id = Guid.CreateVersion7();
        var info = await grains.GetGrain<ISimulationGrain>(id).CreateAsync(SimulationRequestBinder.Json(request), request.Name);
        return TypedResults.Accepted($"/v1/simulations/{id}", SimulationResponses.From(info));
    }

    /// <summary>Every flip, a page at a time (the CSV export).</summary>
    public static async Task<IReadOnlyList<SimulationOutcomeInfo>> AllFlipsAsync(ISimulationGrain grain)
    {
        var all = new List<SimulationOutcomeInfo>();
        SimulationOutcomeInfo? last = null;
        while (true)
        {
            var rows = await grain.OutcomesAsync(false, 1000, last?.TenantId, last?.Definition, last?.Correlation);
            all.AddRange(rows);
            if (rows.Length < 1000)
            {
                return all;
            }

            last = rows[^1];
        }
    }

    /// <summary>The simulation named by the path, or the problem to answer (a malformed id is a 400, an unknown one a 404).</summary>
    public static async Task<(SimulationInfo? Found, ProblemHttpResult? Refused)> FindAsync(string id, IGrainFactory grains)
    {
        if (!Guid.TryParse(id, out var guid))
        {
            return (null, Problems.Invalid($"'{id}' is not a simulation id", [new InputError("id", $"'{id}' is not a simulation id", "simulation ids are UUIDs, as POST /v1/simulations answered")]));
        }

        return await grains.GetGrain<ISimulationGrain>(guid).GetAsync() is { } found
            ? (found, null)
            : (null, Problems.NotFound("Simulation", $"no simulation {guid} exists (simulations are kept 30 days)"));
    }

    private static void CheckFormat(string? format, List<InputError> errors)
    {
        if (format is not null and not "json" and not "csv")
        {
            errors.Add(new InputError("format", $"'{format}' is not a format", "format is json (the default) or csv"));
        }
    }

    private static ProblemHttpResult NotDone(SimulationInfo s) =>
        TypedResults.Problem(Problems.Create(StatusCodes.Status409Conflict, "simulation-not-done", "The simulation has no results",
            s.Status is "queued" or "running"
                ? $"simulation {s.Id} is {s.Status} ({s.Percent.ToString(CultureInfo.InvariantCulture)} %); GET /v1/simulations/{s.Id} until its status is done"
                : $"simulation {s.Id} is {s.Status}{(s.Error is null ? "" : ": " + s.Error)}; start another with POST /v1/simulations"));
}
