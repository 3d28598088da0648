using Witn.Abstractions.Replay;
using Witn.Domain.Contracts;
using Witn.Domain.Definitions;
using Witn.Domain.Evaluation;

namespace Witn.Grains.Replay;

/// <summary>
/// A simulation's candidates, parsed from the text it was given (validated when it was asked for, so a failure
/// here is corrupt data), YAML or JSON as <see cref="DefinitionFormats"/> tells.
/// </summary>
public static class SimulationCandidates
{
    public static IReadOnlyDictionary<string, CompiledDefinition> Definitions(SimulationRequest request)
    {
        var result = new Dictionary<string, CompiledDefinition>(StringComparer.Ordinal);
        foreach (var (name, text) in request.Definitions ?? new Dictionary<string, string>())
        {
            var parsed = OutcomeDefinitionParser.Parse(text, DefinitionFormats.Of(text));
            result[name] = parsed.Definition is { } d
                ? CompiledDefinition.Compile(d)
                : throw new InvalidDataException($"candidate definition {name} does not parse: {string.Join("; ", parsed.Errors)}");
        }

        return result;
    }

    public static Contract? Contract(SimulationRequest request, string tenantId)
    {
        if (request.Contracts?.GetValueOrDefault(tenantId) is not { } text)
        {
            return null;
        }

        var parsed = ContractParser.Parse(text, DefinitionFormats.Of(text));
        return parsed.Contract ?? throw new InvalidDataException($"candidate contract of tenant '{tenantId}' does not parse: {string.Join("; ", parsed.Errors)}");
    }
}
