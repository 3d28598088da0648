using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Witn.Api.Documentation;

/// <summary>
/// Names each operation after its handler (<c>LedgerEndpoints.ListChargesAsync</c> → <c>ledgerListCharges</c>), so ids
/// are stable, unique (the handlers' names are) and need no line in the endpoint files; an endpoint name (<c>WithName</c>) wins.
/// </summary>
internal static class OperationIds
{
    public static Task NameAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (operation.OperationId is null && context.Description.ActionDescriptor.EndpointMetadata.OfType<MethodInfo>().FirstOrDefault() is { } handler)
        {
            operation.OperationId = For(handler);
        }

        return Task.CompletedTask;
    }

    internal static string For(MethodInfo handler)
    {
        var area = handler.DeclaringType?.Name is { } type && type.EndsWith("Endpoints", StringComparison.Ordinal) ? type[..^"Endpoints".Length] : handler.DeclaringType?.Name ?? "";
        var action = handler.Name.EndsWith("Async", StringComparison.Ordinal) ? handler.Name[..^"Async".Length] : handler.Name;
        var id = area + action;
        return id.Length == 0 ? id : char.ToLowerInvariant(id[0]) + id[1..];
    }
}
