using Witn.Domain.Definitions;
using Witn.Domain.Events;

namespace Witn.Domain.Evaluation;

/// <summary>Routing helper: which outcome instance of a definition an event belongs to.</summary>
public static class Correlation
{
    /// <summary>See <see cref="CompiledDefinition.CorrelationOf"/>. Compiles the definition; keep a <see cref="CompiledDefinition"/> on hot paths.</summary>
    public static string? Of(OutcomeDefinition definition, OutcomeEvent e) => CompiledDefinition.Compile(definition).CorrelationOf(e);

    public static string? Of(CompiledDefinition definition, OutcomeEvent e) => definition.CorrelationOf(e);
}
