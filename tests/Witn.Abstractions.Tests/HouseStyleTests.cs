namespace Witn.Abstractions.Tests;

public sealed class HouseStyleTests
{
    [Fact]
    public void the_assembly_has_contracts_and_grain_interfaces_to_check()
    {
        // Guards the reflection itself: an empty list would make every other rule pass vacuously.
        Assert.NotEmpty(Contracts.SerializableTypes);
        Assert.NotEmpty(Contracts.GrainInterfaces);
    }

    [Fact]
    public void every_serializable_contract_is_immutable_and_has_a_witn_alias()
    {
        Assert.Empty(HouseStyle.ContractViolations(Contracts.SerializableTypes));
    }

    [Fact]
    public void every_grain_interface_has_a_witn_alias_and_async_aliased_methods()
    {
        Assert.Empty(HouseStyle.GrainInterfaceViolations(Contracts.GrainInterfaces));
    }

    [Fact]
    public void no_two_contracts_or_grain_interfaces_share_an_alias()
    {
        Assert.Empty(HouseStyle.DuplicateAliases([.. Contracts.SerializableTypes, .. Contracts.GrainInterfaces]));
    }

    [Fact]
    public void the_contract_rules_catch_a_missing_immutable_a_missing_alias_and_a_foreign_prefix()
    {
        var violations = HouseStyle.ContractViolations([typeof(Breaches.Mutable), typeof(Breaches.Unaliased), typeof(Breaches.ForeignAlias)]).ToList();

        Assert.Equal(
        [
            $"{typeof(Breaches.Mutable).FullName} has [GenerateSerializer] but not [Immutable]",
            $"{typeof(Breaches.Unaliased).FullName} has no [Alias]",
            $"{typeof(Breaches.ForeignAlias).FullName} has the alias 'acme.thing', which does not start with 'witn.'",
        ], violations);
    }

    [Fact]
    public void the_grain_interface_rules_catch_sync_returns_missing_async_suffix_and_missing_or_repeated_method_aliases()
    {
        var name = typeof(Breaches.ISloppyGrain).FullName;

        var violations = HouseStyle.GrainInterfaceViolations([typeof(Breaches.ISloppyGrain)]).ToList();

        Assert.Equal(
        [
            $"{name} has no [Alias]",
            $"{name}.Count returns Int32; grain methods return Task, Task<T>, ValueTask or ValueTask<T>",
            $"{name}.Count does not end in 'Async'",
            $"{name}.PingAsync has no [Alias]",
            $"{name}.PongAsync repeats the method alias 'count'",
        ], violations);
    }

    [Fact]
    public void the_alias_rule_catches_two_types_sharing_an_alias()
    {
        var duplicates = HouseStyle.DuplicateAliases([("A", "witn.x"), ("B", "witn.y"), ("C", "witn.x"), ("D", null), ("E", null)]).ToList();

        Assert.Equal(["alias 'witn.x' is used by A, C"], duplicates);
    }
}
