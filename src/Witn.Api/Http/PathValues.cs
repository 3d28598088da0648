using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Witn.Api.Http;

/// <summary>
/// Typed path values, parsed in the handler instead of by a route constraint: a constraint that fails only makes the
/// route not match (a bare "no route" 404), while this answers a 400 naming the value and the form it takes.
/// </summary>
public static class PathValues
{
    /// <summary>A UUID such as 0192f0c4-5b7e-7c1a-9d3e-4f5a6b7c8d9e, or the 400 naming <paramref name="name"/>.</summary>
    public static ProblemHttpResult? ParseGuid(string text, string name, out Guid value) =>
        Guid.TryParse(text, out value) ? null : Invalid(text, name, "Guid");

    /// <summary>A whole number from 0 (digits only, at most <see cref="int.MaxValue"/>), or the 400 naming <paramref name="name"/>.</summary>
    public static ProblemHttpResult? ParseIndex(string text, string name, out int value) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value) ? null : Invalid(text, name, "int", " from 0");

    private static ProblemHttpResult Invalid(string text, string name, string type, string range = "")
    {
        var form = BadRequestHandler.Expected(type) + range;
        var what = $"'{text}' is not {form}";
        return Problems.Invalid($"{name}: {what}", [new InputError(name, what, $"give {name} as {form}")]);
    }
}

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
