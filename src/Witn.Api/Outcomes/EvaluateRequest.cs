using System.Text.Json;

namespace Witn.Api.Outcomes;

/// <summary>
/// Body of <c>POST /v1/outcomes/evaluate</c>: exactly one of <c>definition</c> (a JSON object),
/// <c>definition_yaml</c> (YAML text) or <c>name</c> (a published definition, with an optional <c>version</c>;
/// latest by default); the events; an optional <c>now</c> (default: the latest event's timestamp); optional reviews.
/// </summary>
public sealed record EvaluateRequest(
    JsonElement? Definition,
    string? DefinitionYaml,
    string? Name,
    int? Version,
    IReadOnlyList<EvaluateEvent?>? Events,
    string? Now,
    IReadOnlyList<EvaluateReview?>? Reviews);
