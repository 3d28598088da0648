using System.Collections;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;
using Orleans.Serialization;

namespace Witn.Abstractions.Tests;

/// <summary>Every wire contract survives the real Orleans serializer and copier unchanged.</summary>
public sealed class SerializationTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddSerializer().BuildServiceProvider();

    public static TheoryData<string, int> Samples()
    {
        var data = new TheoryData<string, int>();
        foreach (var (type, samples) in ContractSamples.ByType.OrderBy(kv => kv.Key.FullName, StringComparer.Ordinal))
        {
            for (var i = 0; i < samples.Length; i++)
            {
                data.Add(type.FullName!, i);
            }
        }

        return data;
    }

    [Fact]
    public void every_contract_type_has_a_sample()
    {
        var missing = Contracts.SerializableTypes.Where(t => !ContractSamples.ByType.ContainsKey(t)).Select(t => t.FullName);

        Assert.Empty(missing);
    }

    [Fact]
    public void the_first_sample_of_each_contract_sets_every_property()
    {
        // A default-valued property would round-trip even when it is not serialized at all.
        var unset = ContractSamples.ByType
            .SelectMany(kv => kv.Key.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite && IsDefault(p.GetValue(kv.Value[0])))
                .Select(p => $"{kv.Key.Name}.{p.Name}"));

        Assert.Empty(unset);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void a_contract_round_trips_through_the_orleans_serializer(string typeName, int index)
    {
        var (type, sample) = Sample(typeName, index);
        var serializer = _services.GetRequiredService<Serializer>();

        var bytes = serializer.SerializeToArray<object>(sample);
        var back = serializer.Deserialize<object>(bytes);

        Assert.IsType(type, back, exactMatch: true);
        Assert.NotSame(sample, back);
        Assert.Equivalent(sample, back, strict: true);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void a_contract_is_copied_by_reference_because_it_is_immutable(string typeName, int index)
    {
        var (_, sample) = Sample(typeName, index);
        var copier = _services.GetRequiredService<DeepCopier>();

        var copy = copier.Copy<object>(sample);

        // [Immutable] tells Orleans it may share the instance between caller and grain instead of copying it.
        Assert.Same(sample, copy);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void a_contract_is_known_to_the_serializer_by_its_alias(string typeName, int index)
    {
        var (type, _) = Sample(typeName, index);
        var serializer = _services.GetRequiredService<Serializer>();

        Assert.True(serializer.CanSerialize(type), $"{type.FullName} has no generated serializer");
        Assert.Equal(type, _services.GetRequiredService<Orleans.Serialization.TypeSystem.TypeConverter>().Parse(type.GetCustomAttribute<AliasAttribute>()!.Alias));
    }

    public void Dispose() => _services.Dispose();

    private static (Type Type, object Sample) Sample(string typeName, int index)
    {
        var (type, samples) = ContractSamples.ByType.Single(kv => kv.Key.FullName == typeName);
        return (type, samples[index]);
    }

    private static bool IsDefault(object? value) => value switch
    {
        null => true,
        string s => s.Length == 0,
        ICollection c => c.Count == 0,
        _ => value.GetType().IsValueType && value.Equals(Activator.CreateInstance(value.GetType())),
    };
}
