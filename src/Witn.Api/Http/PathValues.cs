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
