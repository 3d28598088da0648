using Witn.Cli.AsCode;
using Witn.Domain.Contracts;
using Witn.Domain.Definitions;

namespace Witn.Cli.Tests;

public sealed class ApplyPlannerTests
{
    private const string Definition = """
        name: ticket_resolved
        correlate_by: ticket_id
        qualify:
          seen: ticket.closed
        settlement:
          window: 72h
        """;

    private const string ContractText = """
        tenant: acme
        currency: USD
        prices:
          ticket_resolved:
            unit_price: 2.00
        """;

    [Fact]
    public void A_definition_the_server_lacks_is_new_and_one_with_its_content_hash_is_unchanged()
    {
        var local = DefinitionDoc(Definition, "active");
        Assert.Equal(ChangeKind.New, Assert.Single(ApplyPlanner.Plan([local], Servers(), Contracts())).Change);

        // Comments and 72h written as 3d do not change the canonical form the hash covers.
        var same = DefinitionDoc("# a comment\n" + Definition.Replace("72h", "3d", StringComparison.Ordinal), "active");
        var plan = Assert.Single(ApplyPlanner.Plan([same], Servers(new ServerDefinition("ticket_resolved", "active", 3, local.Definition!.ContentHash())), Contracts()));
        Assert.Equal(ChangeKind.Unchanged, plan.Change);
        Assert.False(plan.ChangesServer);
    }

    [Fact]
    public void Other_content_is_the_next_version_and_a_folder_status_other_than_the_servers_is_a_status_change()
    {
        var server = new ServerDefinition("ticket_resolved", "active", 3, "sha256:other");
        var plan = Assert.Single(ApplyPlanner.Plan([DefinitionDoc(Definition, "shadow")], Servers(server), Contracts()));
        Assert.Equal(ChangeKind.NewVersion, plan.Change);
        Assert.Equal("new version 4", plan.ChangeText);
        Assert.Equal(("active", "shadow"), (plan.StatusFrom, plan.StatusTo));
        Assert.Equal("status active → shadow", plan.StatusText);
    }

    [Fact]
    public void A_contract_with_the_same_terms_is_unchanged_whatever_its_layout_and_a_changed_price_is_a_new_version()
    {
        var stored = Parse(ContractText);
        var local = ContractDoc("# priced per ticket\ncurrency: USD\nprices: {ticket_resolved: {unit_price: 2.0}}\n");
        var server = new Dictionary<string, ServerContract> { ["acme"] = new("acme", 2, stored with { EffectiveFrom = DateTimeOffset.Parse("2026-11-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture) }) };
        Assert.Equal(ChangeKind.Unchanged, Assert.Single(ApplyPlanner.Plan([local], Servers(), server)).Change);

        var dearer = ContractDoc(ContractText.Replace("2.00", "2.50", StringComparison.Ordinal));
        var plan = Assert.Single(ApplyPlanner.Plan([dearer], Servers(), server));
        Assert.Equal("new version 3", plan.ChangeText);
    }

    [Fact]
    public void Definitions_come_before_contracts_so_that_the_outcomes_a_contract_prices_exist_first()
    {
        var plan = ApplyPlanner.Plan([ContractDoc(ContractText), DefinitionDoc(Definition, "active")], Servers(), Contracts());
        Assert.Equal([SourceKind.Definition, SourceKind.Contract], plan.Select(p => p.Source.Kind));
    }

    private static SourceDocument DefinitionDoc(string text, string status)
    {
        var parsed = OutcomeDefinition.Parse(text, DefinitionFormat.Yaml);
        Assert.True(parsed.IsValid, string.Join("\n", parsed.Errors));
        return new SourceDocument(SourceKind.Definition, "outcomes/ticket_resolved.yaml", text, DefinitionFormat.Yaml, parsed.Definition.Name, status, parsed.Definition, null);
    }

    private static SourceDocument ContractDoc(string text) =>
        new(SourceKind.Contract, "contracts/acme.yaml", text, DefinitionFormat.Yaml, "acme", null, null, Parse(text));

    private static Contract Parse(string text)
    {
        var parsed = Contract.Parse(text, DefinitionFormat.Yaml);
        Assert.True(parsed.IsValid, string.Join("\n", parsed.Errors));
        return parsed.Contract;
    }

    private static Dictionary<string, ServerDefinition> Servers(params ServerDefinition[] definitions) => definitions.ToDictionary(d => d.Name);

    private static Dictionary<string, ServerContract> Contracts() => [];
}
