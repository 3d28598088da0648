using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Witn.Abstractions.Outcomes;
using Witn.Api.Http;

namespace Witn.Api.Outcomes;

/// <summary>Reads a definition sent as the whole body (YAML or JSON, see <see cref="DocumentBody"/>).</summary>
public static class DefinitionBody
{
    public const int MaxBytes = DocumentBody.MaxBytes;

    public static async Task<(DefinitionSource? Source, ProblemHttpResult? Problem)> ReadAsync(HttpRequest request)
    {
        var (text, format, problem) = await DocumentBody.ReadAsync(request, "definition");
        return problem is null ? (new DefinitionSource(text!, format), null) : (null, problem);
    }
}
