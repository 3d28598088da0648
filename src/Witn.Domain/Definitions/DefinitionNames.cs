namespace Witn.Domain.Definitions;

/// <summary>The rule for definition names (<c>[a-z0-9_]{1,64}</c>), for callers that see a name outside a definition (URLs).</summary>
public static class DefinitionNames
{
    public const int MaxLength = 64;

    public const string Rule = "1-64 characters of a-z, 0-9 and '_'";

    public static bool IsValid(string? name) =>
        name is { Length: > 0 and <= MaxLength } && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_');
}
