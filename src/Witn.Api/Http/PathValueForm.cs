using System.Globalization;

namespace Witn.Api.Http;

/// <summary>
/// Endpoint metadata: the form of a path value the handler parses itself (see <see cref="PathValues"/>), so the
/// OpenAPI document still says what it takes (a UUID, a whole number from 0) although the route takes a string.
/// </summary>
public sealed record PathValueForm(string Name, string Type, string? Format = null, int? Minimum = null)
{
    public static PathValueForm Uuid(string name) => new(name, "string", "uuid");

    public static PathValueForm Index(string name) => new(name, "integer", "int32", 0);

    /// <summary>Rewrites the schema of each parameter an endpoint declares a form for.</summary>
    internal static Task DescribeAsync(Microsoft.OpenApi.OpenApiOperation operation, Microsoft.AspNetCore.OpenApi.OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var form in context.Description.ActionDescriptor.EndpointMetadata.OfType<PathValueForm>())
        {
            if (operation.Parameters?.OfType<Microsoft.OpenApi.OpenApiParameter>().FirstOrDefault(p => p.Name == form.Name) is { } parameter)
            {
                parameter.Schema = new Microsoft.OpenApi.OpenApiSchema
                {
                    Type = form.Type == "integer" ? Microsoft.OpenApi.JsonSchemaType.Integer : Microsoft.OpenApi.JsonSchemaType.String,
                    Format = form.Format,
                    Minimum = form.Minimum?.ToString(CultureInfo.InvariantCulture),
                };
            }
        }

        return Task.CompletedTask;
    }
}
