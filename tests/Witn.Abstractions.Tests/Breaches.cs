// ORLEANS0011 (duplicate alias) is exactly the breach ISloppyGrain needs.
#pragma warning disable ORLEANS0011

namespace Witn.Abstractions.Tests;

/// <summary>Deliberate breaches of the house style, to prove the rules in <see cref="HouseStyle"/> can fail.</summary>
internal static class Breaches
{
    [GenerateSerializer, Alias("witn.test.mutable")]
    public sealed class Mutable
    {
        [Id(0)]
        public int Value { get; set; }
    }

    [GenerateSerializer, Immutable]
    public sealed record Unaliased([property: Id(0)] int Value);

    [GenerateSerializer, Immutable, Alias("acme.thing")]
    public sealed record ForeignAlias([property: Id(0)] int Value);

    // Not a grain interface (no IGrain), so Orleans' own code generator leaves it alone; the rules do not care.
    public interface ISloppyGrain
    {
        [Alias("count")]
        int Count();

        Task PingAsync();

        [Alias("count")]
        ValueTask<int> PongAsync();
    }
}
