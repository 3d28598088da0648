using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Witn.Api.Documentation;

/// <summary>
/// A number in a query or path is text by nature; the generator describes it as "integer or string" with a pattern.
/// The parameter binds to an integer (anything else is a 400), so the document says integer.
/// </summary>
internal static class IntegerParameters
{
    public static Task DescribeAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.Schema is OpenApiSchema { Type: { } type } schema
                && type.HasFlag(JsonSchemaType.Integer) && type.HasFlag(JsonSchemaType.String))
            {
                schema.Type = JsonSchemaType.Integer;
                schema.Pattern = null;
            }
        }

        return Task.CompletedTask;
    }
}
