using System.Text.Json;

namespace Witn.Api.Outcomes;

/// <summary>
/// The answer of <c>POST /v1/outcomes/validate</c>: every error (empty when valid) and, for a valid definition,
/// its name, content hash, the event types it listens to and its canonical form.
/// </summary>
public sealed record ValidationResponse(
    bool Valid,
    IReadOnlyList<OutcomeError> Errors,
    string? Name,
    string? ContentHash,
    IReadOnlyList<string> ListenedTypes,
    JsonElement? Definition);
