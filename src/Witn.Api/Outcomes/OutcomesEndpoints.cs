using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.Routing;
using Witn.Abstractions.Outcomes;
using Witn.Api.Documentation;
using Witn.Api.Http;
using Witn.Api.Security;
using Witn.Api.Shadow;
using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;

namespace Witn.Api.Outcomes;

/// <summary>
/// <c>/v1/outcomes</c>: the deployment-wide catalog of outcome definitions. Publishing and status changes need
/// the admin scope; reading, validating and evaluating need read. Bad input is always a 400 problem.
/// </summary>
public static class OutcomesEndpoints
{
    // A new version or status applies to every tenant's outcomes of the definition: only an operator changes it.
    private static readonly KeyReach Catalog = KeyReach.Operator("the outcome definition catalog");

    public static RouteGroupBuilder MapOutcomes(this RouteGroupBuilder v1)
    {
        var outcomes = v1.MapGroup("/outcomes").RequireAuthorization(WitnPolicies.Read).WithMetadata(KeyReach.SharedRead).WithTags("Outcomes");
        outcomes.MapGet("/", ListAsync).WithSummary("The outcome definitions by name, each with its status and latest version (no source); a page at a time (limit, after: a name).");
        outcomes.MapPut("/{name}", PublishAsync).RequireAuthorization(WitnPolicies.Admin).WithMetadata(Catalog, ProblemResponses.NeverNotFound)
            .RequestBody(null, "application/yaml", "application/json")
            .WithSummary("Publish a definition (YAML or JSON): 201 with the new version, or 200 with the latest one when the content is unchanged.");
        outcomes.MapGet("/{name}", GetAsync).WithSummary("A definition with its status and latest version.");
        outcomes.MapGet("/{name}/versions/{version}", GetVersionAsync).WithSummary("One immutable version of a definition.");
        outcomes.MapPost("/{name}/status", SetStatusAsync).RequireAuthorization(WitnPolicies.Admin).WithMetadata(Catalog)
            .RequestBody(typeof(SetStatusRequest), "application/json")
            .WithSummary("Set the status of a definition: active (billed), shadow (evaluated, never billed) or retired.");
        outcomes.MapPost("/{name}/promote", PromoteAsync).RequireAuthorization(WitnPolicies.Admin).WithMetadata(Catalog)
            .RequestBody(typeof(PromoteRequest), "application/json").ProducesProblem(StatusCodes.Status409Conflict)
            .WithSummary("Make a shadow definition active from a period start (at): outcomes starting at or after it are billed, earlier ones never; refused (409) beyond max_delta_percent unless force.");
        outcomes.MapPost("/validate", ValidateAsync)
            .RequestBody(null, "application/yaml", "application/json")
            .WithSummary("Validate a definition without storing it: every error with path, line, column and a hint, or the event types it listens to.");
        outcomes.MapPost("/evaluate", EvaluateAsync)
            .RequestBody(typeof(EvaluateRequest), "application/json")
            .Produces<EvaluateResponse>(StatusCodes.Status200OK, "application/json")
            .WithSummary("Evaluate events against an inline or published definition at a clock instant; stores nothing.");
        return v1;
    }

    private static async Task<Results<Ok<Page<DefinitionSummaryResponse>>, ProblemHttpResult>> ListAsync([AsParameters] PageQuery page, IGrainFactory grains)
    {
        var errors = new List<InputError>();
        var limit = Paging.Limit(page, errors);
        var after = Paging.AfterText(page, errors, "definition name");
        if (errors.Count > 0)
        {
            return Paging.Invalid(errors, "definition");
        }

        var definitions = await grains.GetGrain<IOutcomeCatalogGrain>(0).ListAsync(Paging.Fetch(limit), after);
        return TypedResults.Ok(Paging.Of(definitions, limit, d => d.Name, DefinitionSummaryResponse.From));
    }

    private static async Task<Results<Created<VersionResponse>, Ok<VersionResponse>, ProblemHttpResult>> PublishAsync(string name, HttpRequest request, IGrainFactory grains)
    {
        if (InvalidName(name) is { } badName)
        {
            return badName;
        }

        var (source, problem) = await DefinitionBody.ReadAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        var parsed = OutcomeDefinition.Parse(source!.Text, source.Format);
        if (!parsed.IsValid)
        {
            return OutcomeProblems.InvalidDefinition([.. parsed.Errors.Select(e => OutcomeError.From(e))]);
        }

        if (!string.Equals(parsed.Definition.Name, name, StringComparison.Ordinal))
        {
            return OutcomeProblems.Invalid($"the definition is named '{parsed.Definition.Name}' but the URL names '{name}'",
                [OutcomeError.At("name", $"name '{parsed.Definition.Name}' does not match '{name}' in the URL",
                    $"publish it with PUT /v1/outcomes/{parsed.Definition.Name}, or change name: to '{name}'")]);
        }

        var reply = await grains.GetGrain<IOutcomeDefinitionGrain>(name).PublishAsync(source);
        var version = VersionResponse.From(reply.Version);
        return reply.Created
            ? TypedResults.Created($"/v1/outcomes/{name}/versions/{version.Version}", version)
            : TypedResults.Ok(version);
    }

    private static async Task<Results<Ok<OutcomeResponse>, ProblemHttpResult>> GetAsync(string name, IGrainFactory grains)
    {
        if (InvalidName(name) is { } badName)
        {
            return badName;
        }

        return await grains.GetGrain<IOutcomeDefinitionGrain>(name).GetAsync() is { } definition
            ? TypedResults.Ok(OutcomeResponse.From(definition))
            : UnknownName(name);
    }

    private static async Task<Results<Ok<VersionResponse>, ProblemHttpResult>> GetVersionAsync(string name, string version, IGrainFactory grains)
    {
        if (InvalidName(name) is { } badName)
        {
            return badName;
        }

        if (!int.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number < 1)
        {
            return OutcomeProblems.Invalid($"'{version}' is not a version number",
                [OutcomeError.At("version", $"'{version}' is not a version number", "versions are whole numbers from 1; GET /v1/outcomes/{name} shows the latest")]);
        }

        var grain = grains.GetGrain<IOutcomeDefinitionGrain>(name);
        if (await grain.GetVersionAsync(number) is { } found)
        {
            return TypedResults.Ok(VersionResponse.From(found));
        }

        return await grain.GetAsync() is { } definition
            ? Problems.NotFound("Outcome definition version", $"the outcome definition '{name}' has no version {number}; its latest version is {definition.Latest.Version}")
            : UnknownName(name);
    }

    private static async Task<Results<Ok<OutcomeResponse>, ProblemHttpResult>> SetStatusAsync(string name, HttpRequest request, IGrainFactory grains)
    {
        if (InvalidName(name) is { } badName)
        {
            return badName;
        }

        var (body, problem) = await JsonBody.ReadAsync<SetStatusRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        if (!DefinitionStatuses.TryParse(body!.Status, out var status))
        {
            var valid = string.Join(", ", DefinitionStatuses.Names);
            return OutcomeProblems.Invalid(body.Status is null ? "status is required" : $"unknown status '{body.Status}'; valid statuses are {valid}",
                [OutcomeError.At("status", body.Status is null ? "status is required" : $"unknown status '{body.Status}'",
                    $"use one of: {valid} (active is billed, shadow is evaluated but never billed, retired is no longer evaluated)")]);
        }

        return await grains.GetGrain<IOutcomeDefinitionGrain>(name).SetStatusAsync(status) is { } definition
            ? TypedResults.Ok(OutcomeResponse.From(definition))
            : UnknownName(name);
    }

    private static async Task<Results<Ok<OutcomeResponse>, ProblemHttpResult>> PromoteAsync(string name, HttpRequest request, IGrainFactory grains)
    {
        if (InvalidName(name) is { } badName)
        {
            return badName;
        }

        var (promotion, problem) = await PromotionProblems.ReadAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        var reply = await grains.GetGrain<IOutcomeDefinitionGrain>(name).PromoteAsync(promotion!);
        return reply.Definition is { } definition ? TypedResults.Ok(OutcomeResponse.From(definition)) : PromotionProblems.Refused(reply, null);
    }

    private static async Task<Results<Ok<ValidationResponse>, ProblemHttpResult>> ValidateAsync(HttpRequest request)
    {
        var (source, problem) = await DefinitionBody.ReadAsync(request);
        if (problem is not null)
        {
            return problem;
        }

        var parsed = OutcomeDefinition.Parse(source!.Text, source.Format);
        if (!parsed.IsValid)
        {
            return TypedResults.Ok(new ValidationResponse(false, [.. parsed.Errors.Select(e => OutcomeError.From(e))], null, null, [], null));
        }

        var d = parsed.Definition;
        return TypedResults.Ok(new ValidationResponse(true, [], d.Name, d.ContentHash(), [.. d.ListenedTypes],
            JsonDocument.Parse(d.ToCanonicalJson()).RootElement.Clone()));
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> EvaluateAsync(HttpRequest request, IGrainFactory grains)
    {
        var (body, problem) = await JsonBody.ReadAsync<EvaluateRequest>(request);
        if (problem is not null)
        {
            return problem;
        }

        var (evaluation, errors) = EvaluateRequestBinder.Bind(body!);
        if (evaluation is null)
        {
            return errors.Any(e => e.Path.StartsWith("definition", StringComparison.Ordinal)) && errors.All(e => e.Path.StartsWith("definition", StringComparison.Ordinal))
                ? OutcomeProblems.InvalidDefinition(errors)
                : OutcomeProblems.Invalid($"the evaluate request has {errors.Count} error(s)", errors);
        }

        var reply = await grains.GetGrain<IOutcomeEvaluatorGrain>(0).EvaluateAsync(evaluation);
        if (reply.NotFound is { } missing)
        {
            return Problems.NotFound("Outcome definition", $"{missing}; GET /v1/outcomes lists the definitions");
        }

        if (reply.OverBudget is { } work)
        {
            return Problems.TooLarge($"{work} (the limit on evaluation work)",
                [new InputError("events", work, string.Create(CultureInfo.InvariantCulture, $"evaluate fewer events at a time: at most {EvaluationLimits.MaxWork:N0} divided by the definition's conditions"))]);
        }

        var outcomes = reply.Outcomes
            .Select(o => new EvaluatedOutcomeResponse(o.CorrelationValue, OutcomeStateResponse.From(JsonSerializer.Deserialize<OutcomeState>(o.StateJson)!)))
            .ToArray();
        var events = reply.Events
            .Select((r, i) => new EventRoutingResponse(i, r.EventId, evaluation.Events[i].IdempotencyKey, evaluation.Events[i].Type, r.CorrelationValue, r.Skipped))
            .ToArray();
        // Serialized here to measure it: the answer is bounded like the work behind it (EvaluationLimits.MaxAnswerBytes).
        var answer = JsonSerializer.SerializeToUtf8Bytes(new EvaluateResponse(reply.Name, reply.Version, reply.ContentHash, reply.CorrelateBy, reply.ListenedTypes, reply.Now, outcomes, events),
            request.HttpContext.RequestServices.GetRequiredService<IOptions<JsonOptions>>().Value.SerializerOptions);
        if (answer.Length > EvaluationLimits.MaxAnswerBytes)
        {
            var limit = EvaluationLimits.MaxAnswerBytes / (1024 * 1024);
            return Problems.TooLarge(string.Create(CultureInfo.InvariantCulture, $"the answer would be {answer.Length:N0} bytes, more than the {limit} MiB an evaluation may answer (the limit on answer size)"),
                [new InputError("events", string.Create(CultureInfo.InvariantCulture, $"the answer to these {evaluation.Events.Length:N0} events is larger than {limit} MiB"), "evaluate fewer events (or fewer correlation values) at a time")]);
        }

        return TypedResults.Bytes(answer, "application/json; charset=utf-8");
    }

    private static ProblemHttpResult? InvalidName(string name) => OutcomeProblems.InvalidName(name, "name");

    private static ProblemHttpResult UnknownName(string name) => OutcomeProblems.UnknownDefinition(name);
}
