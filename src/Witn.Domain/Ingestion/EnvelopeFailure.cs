namespace Witn.Domain.Ingestion;

/// <summary>
/// Why a request body could not be read at all (the API answers 400 with a problem document).
/// <see cref="Path"/> is a JSON path such as <c>$.events[3].type</c>; <see cref="Line"/> and
/// <see cref="Column"/> (1-based, the column counted in bytes) are known for syntax errors;
/// <see cref="Message"/> says what, where and how to fix it in one sentence for people.
/// </summary>
public sealed record EnvelopeFailure(string Code, string Path, int? Line, int? Column, string Problem, string Hint)
{
    public string Message
    {
        get
        {
            var where = Line is { } line ? $" at line {line}, byte {Column} ({Path})" : $" at {Path}";
            return $"{Problem}{where}. {Hint}";
        }
    }

    public override string ToString() => $"{Code}: {Message}";
}
