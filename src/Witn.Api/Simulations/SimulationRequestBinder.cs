using System.Text.Json;
using Witn.Abstractions.Replay;
using Witn.Abstractions.Tenants;
using Witn.Api.Http;
using Witn.Api.Security;
using Witn.Domain.Common;
using Witn.Domain.Contracts;
using Witn.Domain.Definitions;

namespace Witn.Api.Simulations;

/// <summary>
/// Checks a simulation request and turns it into the stored <see cref="SimulationRequest"/>: instants by the one
/// instant rule, tenants that exist, candidates that parse (each error names its path inside the candidate, with
/// line and column) and are given under their own name.
/// </summary>
public static class SimulationRequestBinder
{
    public const int MaxCandidates = 50;
    public const int MaxName = 200;

    public static async Task<(SimulationRequest? Request, List<InputError> Errors)> BindAsync(SimulationRequestBody body, DateTimeOffset now, IGrainFactory grains)
    {
        var errors = new List<InputError>();
        var from = Instant(body.From, "from", errors);
        var to = Instant(body.To, "to", errors);
        if (from is { } f && to is { } t && t <= f)
        {
            errors.Add(new InputError("to", "'to' must be after 'from'", "the range is [from, to): outcomes whose first event is at or after from and before to"));
        }

        if (body.Name is { Length: > MaxName })
        {
            errors.Add(new InputError("name", $"the name is {body.Name.Length} characters long, more than {MaxName}", "shorten it"));
        }

        await CheckTenantsAsync(body.Tenants, grains, errors);
        if ((body.Definitions?.Count ?? 0) + (body.Contracts?.Count ?? 0) > MaxCandidates)
        {
            errors.Add(new InputError("definitions", $"more than {MaxCandidates} candidates", "split the comparison into several simulations"));
        }

        foreach (var (name, text) in body.Definitions ?? new Dictionary<string, string>())
        {
            var path = $"definitions.{name}";
            if (!DefinitionNames.IsValid(name))
            {
                errors.Add(new InputError(path, $"'{name}' is not a definition name", $"definition names are {DefinitionNames.Rule}"));
                continue;
            }

            var parsed = OutcomeDefinitionParser.Parse(text ?? "", DefinitionFormats.Of(text));
            errors.AddRange(parsed.Errors.Select(e => Error(path, e.Path, e.Line, e.Column, e.Message, e.Hint)));
            if (parsed.Definition is { } candidate && candidate.Name != name)
            {
                errors.Add(new InputError($"{path}.name", $"the candidate is named '{candidate.Name}' but is given for '{name}'", $"give it as \"{candidate.Name}\" or rename it to {name}"));
            }
        }

        foreach (var (tenant, text) in body.Contracts ?? new Dictionary<string, string>())
        {
            var path = $"contracts.{tenant}";
            if (TenantAccess.CheckId(tenant, path) is { } bad)
            {
                errors.Add(bad);
                continue;
            }

            if (await grains.GetGrain<ITenantGrain>(tenant).GetAsync() is null)
            {
                errors.Add(new InputError(path, $"tenant '{tenant}' does not exist", "candidate contracts are keyed by an existing tenant's id"));
                continue;
            }

            var parsed = ContractParser.Parse(text ?? "", DefinitionFormats.Of(text));
            errors.AddRange(parsed.Errors.Select(e => Error(path, e.Path, e.Line, e.Column, e.Message, e.Hint)));
        }

        if (errors.Count > 0)
        {
            return (null, errors);
        }

        return (new SimulationRequest(from, to, body.Tenants, body.Definitions, body.Contracts, body.Name, now), errors);
    }

    /// <summary>A rebuild: the tenants (all when left out) and the real instant to rebuild the state as of (now when left out; never later).</summary>
    public static async Task<(SimulationRequest? Request, List<InputError> Errors)> BindRebuildAsync(RebuildRequestBody body, DateTimeOffset now, IGrainFactory grains)
    {
        var errors = new List<InputError>();
        var until = Instant(body.Until, "until", errors);
        if (until > now)
        {
            errors.Add(new InputError("until", "'until' is in the future", "a rebuild recovers the state as of now or an earlier instant; leave it out for now"));
        }

        await CheckTenantsAsync(body.Tenants, grains, errors);
        return errors.Count > 0 ? (null, errors) : (new SimulationRequest(null, null, body.Tenants, null, null, "rebuild", until ?? now, Rebuild: true), errors);
    }

    public static string Json(SimulationRequest request) => JsonSerializer.Serialize(request);

    private static async Task CheckTenantsAsync(IReadOnlyList<string>? list, IGrainFactory grains, List<InputError> errors)
    {
        if (list is { } tenants)
        {
            for (var i = 0; i < tenants.Count; i++)
            {
                if (TenantAccess.CheckId(tenants[i], $"tenants[{i}]") is { } bad)
                {
                    errors.Add(bad);
                }
                else if (await grains.GetGrain<ITenantGrain>(tenants[i]).GetAsync() is null)
                {
                    errors.Add(new InputError($"tenants[{i}]", $"tenant '{tenants[i]}' does not exist", "GET /v1/tenants lists the tenants; leave 'tenants' out to replay all of them"));
                }
            }
        }
    }

    private static DateTimeOffset? Instant(string? text, string field, List<InputError> errors)
    {
        if (text is null)
        {
            return null;
        }

        var result = Instants.TryParse(text.AsSpan(), out var at);
        if (result == InstantParse.Valid)
        {
            return at;
        }

        var (message, hint) = Instants.Explain(field, text, result);
        errors.Add(new InputError(field, message, hint));
        return null;
    }

    private static InputError Error(string prefix, string path, int? line, int? column, string message, string hint)
    {
        var where = line is { } l ? $" (line {l}{(column is { } c ? $", column {c}" : "")})" : "";
        return new InputError(path.Length == 0 ? prefix : $"{prefix}.{path}", message + where, hint);
    }
}
