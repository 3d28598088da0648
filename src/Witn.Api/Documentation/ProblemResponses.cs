using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Witn.Api.Documentation;

/// <summary>
/// Lists the problems (RFC 9457, <c>application/problem+json</c>) an operation can answer, from what every route
/// shares: a key (401, 403, 429), input (400), a path naming something (404), a body (413, 415). Rarer ones
/// (409) are declared on their endpoints with <c>ProducesProblem</c>; an endpoint that never answers 404 says so
/// with <see cref="NeverNotFound"/>.
/// </summary>
internal static class ProblemResponses
{
    /// <summary>Endpoint metadata: the path names something the request creates (or nothing stored), so no 404.</summary>
    public static readonly NoNotFound NeverNotFound = new();

    private static readonly (int Status, string Description)[] Descriptions =
    [
        (StatusCodes.Status400BadRequest, "The input is invalid: the problem's errors say where and how to fix it."),
        (StatusCodes.Status401Unauthorized, "No API key, or one that is unknown, revoked or expired."),
        (StatusCodes.Status403Forbidden, "The key lacks the scope this needs, or may not reach it."),
        (StatusCodes.Status404NotFound, "Nothing by that name is visible to this key."),
        (StatusCodes.Status409Conflict, "The request does not fit the current state; the problem says why."),
        (StatusCodes.Status413PayloadTooLarge, "The body is larger than this route takes."),
        (StatusCodes.Status415UnsupportedMediaType, "The content type or charset is not one this route reads."),
        (StatusCodes.Status429TooManyRequests, "The key sent more requests than its limit; retry after Retry-After seconds."),
    ];

    public static async Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        var statuses = new SortedSet<int>();
        if (metadata.OfType<IAuthorizeData>().Any() && !metadata.OfType<IAllowAnonymous>().Any())
        {
            statuses.UnionWith([StatusCodes.Status401Unauthorized, StatusCodes.Status403Forbidden, StatusCodes.Status429TooManyRequests]);
        }

        var parameters = operation.Parameters ?? [];
        if (parameters.Count > 0 || operation.RequestBody is not null)
        {
            statuses.Add(StatusCodes.Status400BadRequest);
        }

        if (parameters.Any(p => p.In == ParameterLocation.Path) && !metadata.OfType<NoNotFound>().Any())
        {
            statuses.Add(StatusCodes.Status404NotFound);
        }

        if (operation.RequestBody is not null)
        {
            statuses.UnionWith([StatusCodes.Status413PayloadTooLarge, StatusCodes.Status415UnsupportedMediaType]);
        }

        operation.Responses ??= [];
        var problem = await Schemas.ReferenceAsync(typeof(ProblemDetails), context, cancellationToken);
        foreach (var (status, description) in Descriptions)
        {
            var key = status.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (operation.Responses.TryGetValue(key, out var declared))
            {
                // Declared with ProducesProblem: keep its schema, say what it means.
                if (declared is OpenApiResponse response)
                {
                    response.Description = description;
                }

                continue;
            }

            if (statuses.Contains(status))
            {
                operation.Responses[key] = new OpenApiResponse
                {
                    Description = description,
                    Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal) { ["application/problem+json"] = new() { Schema = problem } },
                };
            }
        }
    }

    /// <summary>See <see cref="NeverNotFound"/>.</summary>
    internal sealed class NoNotFound;
}
