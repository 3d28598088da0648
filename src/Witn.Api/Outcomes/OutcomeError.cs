using Witn.Domain.Definitions;

namespace Witn.Api.Outcomes;

/// <summary>
/// One problem in an outcome request: the path (<c>qualify.all[1].count.at_least</c>, <c>events[2].timestamp</c>),
/// line and column (1-based, YAML and JSON syntax errors; null otherwise), what is wrong and how to fix it.
/// </summary>
public sealed record OutcomeError(string Path, int? Line, int? Column, string Message, string Hint)
{
    public static OutcomeError From(DefinitionError e, string prefix = "") =>
        new(Prefixed(prefix, e.Path), e.Line, e.Column, e.Message, e.Hint);

    public static OutcomeError At(string path, string message, string hint) => new(path, null, null, message, hint);

    private static string Prefixed(string prefix, string path) =>
        prefix.Length == 0 ? path : path.Length == 0 ? prefix : path.StartsWith('[') ? prefix + path : $"{prefix}.{path}";
}
