using Witn.Domain.Contracts;
using Witn.Domain.Definitions;

namespace Witn.Cli.AsCode;

/// <summary>
/// One parsed file: a definition (its <see cref="Name"/>, and the status its folder asks for: <c>active</c>, or
/// <c>shadow</c>/<c>retired</c> under <c>outcomes/shadow/</c>, <c>outcomes/retired/</c>) or a contract (<see cref="Name"/>
/// is its tenant). The text is sent as it is, so the server's line numbers are the file's.
/// </summary>
public sealed record SourceDocument(SourceKind Kind, string File, string Text, DefinitionFormat Format, string Name, string? Status, OutcomeDefinition? Definition, Contract? Contract)
{
    public string MediaType => Format == DefinitionFormat.Json ? "application/json" : "application/yaml";

    public string Label => Kind == SourceKind.Definition ? $"outcome {Name}" : $"contract {Name}";
}
