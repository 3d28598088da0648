using System.Reflection;

namespace Witn.Abstractions.Tests;

/// <summary>
/// The rules for wire contracts and grain interfaces, as functions returning the violations they find, so the
/// tests can show both that the real assembly is clean and that each rule catches a deliberate breach.
/// </summary>
internal static class HouseStyle
{
    public const string AliasPrefix = "witn.";

    public static IEnumerable<string> ContractViolations(IEnumerable<Type> contracts)
    {
        foreach (var type in contracts)
        {
            if (!type.IsDefined(typeof(ImmutableAttribute), inherit: false))
            {
                // Immutable lets Orleans skip the deep copy on every local call; contracts are records built once.
                yield return $"{type.FullName} has [GenerateSerializer] but not [Immutable]";
            }

            foreach (var problem in AliasViolations(type))
            {
                yield return problem;
            }
        }
    }

    public static IEnumerable<string> GrainInterfaceViolations(IEnumerable<Type> interfaces)
    {
        foreach (var type in interfaces)
        {
            foreach (var problem in AliasViolations(type))
            {
                yield return problem;
            }

            var methodAliases = new HashSet<string>(StringComparer.Ordinal);
            foreach (var method in type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                var where = $"{type.FullName}.{method.Name}";
                if (!IsAwaitable(method.ReturnType))
                {
                    yield return $"{where} returns {method.ReturnType.Name}; grain methods return Task, Task<T>, ValueTask or ValueTask<T>";
                }

                if (!method.Name.EndsWith("Async", StringComparison.Ordinal))
                {
                    yield return $"{where} does not end in 'Async'";
                }

                // A method alias keeps the wire id stable when the method is renamed or overloaded.
                var alias = method.GetCustomAttribute<AliasAttribute>()?.Alias;
                if (alias is null)
                {
                    yield return $"{where} has no [Alias]";
                }
                else if (!methodAliases.Add(alias))
                {
                    yield return $"{where} repeats the method alias '{alias}'";
                }
            }
        }
    }

    /// <summary>Type aliases are one namespace on the wire: contracts and grain interfaces together.</summary>
    public static IEnumerable<string> DuplicateAliases(IEnumerable<Type> types) =>
        DuplicateAliases(types.Select(t => (t.FullName!, t.GetCustomAttribute<AliasAttribute>()?.Alias)));

    // Takes names rather than types so the rule can be shown to fail: two real types sharing an alias would
    // break Orleans' type manifest for the whole test assembly.
    public static IEnumerable<string> DuplicateAliases(IEnumerable<(string TypeName, string? Alias)> aliases) =>
        aliases
            .Where(x => x.Alias is not null)
            .GroupBy(x => x.Alias, StringComparer.Ordinal)
            .Where(g => g.Count() > 1)
            .Select(g => $"alias '{g.Key}' is used by {string.Join(", ", g.Select(x => x.TypeName))}");

    private static IEnumerable<string> AliasViolations(Type type)
    {
        var alias = type.GetCustomAttribute<AliasAttribute>()?.Alias;
        if (alias is null)
        {
            // Without an alias the wire name is the CLR name: moving or renaming the type breaks rolling upgrades.
            yield return $"{type.FullName} has no [Alias]";
        }
        else if (!alias.StartsWith(AliasPrefix, StringComparison.Ordinal))
        {
            yield return $"{type.FullName} has the alias '{alias}', which does not start with '{AliasPrefix}'";
        }
    }

    private static bool IsAwaitable(Type returnType) =>
        returnType == typeof(Task) || returnType == typeof(ValueTask) ||
        (returnType.IsGenericType && (returnType.GetGenericTypeDefinition() == typeof(Task<>) || returnType.GetGenericTypeDefinition() == typeof(ValueTask<>)));
}
