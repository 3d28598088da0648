using System.Reflection;
using Witn.Abstractions.Access;

namespace Witn.Abstractions.Tests;

/// <summary>What the house-style and serialization tests look at: the Witn.Abstractions assembly, by reflection.</summary>
internal static class Contracts
{
    public static Assembly Assembly { get; } = typeof(IApiKeyGrain).Assembly;

    public static IReadOnlyList<Type> SerializableTypes { get; } =
        [.. Assembly.GetTypes().Where(t => t.IsDefined(typeof(GenerateSerializerAttribute), inherit: false)).OrderBy(t => t.FullName, StringComparer.Ordinal)];

    public static IReadOnlyList<Type> GrainInterfaces { get; } =
        [.. Assembly.GetTypes().Where(t => t.IsInterface && typeof(IAddressable).IsAssignableFrom(t)).OrderBy(t => t.FullName, StringComparer.Ordinal)];
}
