using Witn.Domain.Definitions;

namespace Witn.Domain.Tests.Definitions;

public sealed class InvalidDefinitionTests
{
    public static TheoryData<string, string, string[]> Cases() => new()
    {
        {
            "unknown top-level field with a suggestion",
            """
            name: t
            correlate_by: ticket_id
            qualify:
              seen: ticket.closed
            settlement:
              window: 72h
            reverse_onn:
              seen: ticket.reopened
            """,
            [
                "reverse_onn (line 7, column 1): unknown top-level field 'reverse_onn' — did you mean 'reverse_on'? valid top-level fields: name, description, correlate_by, qualify, reverse_on, review_when, settlement, expire_after, attribution, dimensions, redact",
            ]
        },
        {
            "an event type agents could never send",
            """
            name: t
            correlate_by: ticket_id
            qualify:
              seen: Ticket:Closed/X
            settlement:
              window: 72h
            """,
            [
                "qualify.seen (line 4, column 9): expected an event type — event types are what agents send, such as ticket.closed: lowercase letters, digits, '.', '_' and '-', at most 128 characters",
            ]
        },
        {
            "invalid name",
            """
            name: Ticket Resolved
            correlate_by: ticket_id
            qualify:
              seen: ticket.closed
            settlement:
              window: 72h
            """,
            [
                "name (line 1, column 7): 'Ticket Resolved' is not a valid name — use 1 to 64 lowercase letters, digits and underscores, e.g. ticket_resolved",
            ]
        },
        {
            "required fields missing",
            """
            name: t
            qualify:
              seen: a
            """,
            [
                "correlate_by (line 1, column 1): the field 'correlate_by' is required — add correlate_by: with the property that identifies one outcome, e.g. correlate_by: ticket_id",
                "settlement (line 1, column 1): the field 'settlement' is required — add settlement: { window: 72h } — how long reversal events can still void the outcome",
            ]
        },
        {
            "negative count bound, fractional count",
            """
            name: t
            correlate_by: x
            qualify:
              all:
                - seen: a
                - count:
                    of: b
                    at_least: -1
                - count: { of: b, at_least: 1.5 }
            settlement: { window: 1h }
            """,
            [
                "qualify.all[1].count.at_least (line 8, column 19): at_least must be a whole number of at least 0, found -1 — counts are whole numbers, e.g. 1, 2, 10",
                "qualify.all[2].count.at_least (line 9, column 33): at_least must be a whole number of at least 0, found 1.5 — counts are whole numbers, e.g. 1, 2, 10",
            ]
        },
        {
            "sequence with one element",
            """
            name: t
            correlate_by: x
            qualify:
              sequence: [reset.requested]
            settlement: { window: 1h }
            """,
            [
                "qualify.sequence (line 4, column 13): a sequence needs at least two event types, found 1 — use seen: TYPE for a single event, or list two or more types",
            ]
        },
        {
            "unknown operator lists the valid ones",
            """
            name: t
            correlate_by: x
            qualify:
              seen: meeting.booked
              where:
                lead.score: { gtt: 60 }
            settlement: { window: 1h }
            """,
            [
                "qualify.where[\"lead.score\"].gtt (line 6, column 19): unknown operator 'gtt' — did you mean 'gt'? valid operators: eq, ne, in, not_in, gt, gte, lt, lte, exists, matches, contains",
            ]
        },
        {
            "unknown envelope field and a bare list",
            """
            name: t
            correlate_by: x
            qualify:
              seen: a
              where:
                $agent.name: bot
                tags: [a, b]
            settlement: { window: 1h }
            """,
            [
                "qualify.where[\"$agent.name\"] (line 6, column 5): unknown envelope field '$agent.name' — envelope fields are $type, $timestamp, $agent.id, $agent.version; paths without $ read event properties",
                "qualify.where.tags (line 7, column 11): a list needs an operator — write tags: { in: [a, b] } to match any of several values",
            ]
        },
        {
            "two kinds in one condition and a misspelt kind",
            """
            name: t
            correlate_by: x
            qualify:
              all:
                - seen: a
                  count: { of: a, at_least: 1 }
                - sen: a
            settlement: { window: 1h }
            """,
            [
                "qualify.all[0].count (line 6, column 7): a condition has exactly one kind, but 'seen' and 'count' are both given — combine conditions with all: [ ... ] or any: [ ... ]",
                "qualify.all[1].sen (line 7, column 7): unknown condition 'sen' — did you mean 'seen'? valid conditions: all, any, not, seen, count, distinct, sum, sequence",
            ]
        },
        {
            "negative durations",
            """
            name: t
            correlate_by: x
            qualify:
              seen: a
              within: -5m
            settlement: { window: -1h }
            """,
            [
                "qualify.within (line 5, column 11): negative durations are not allowed, found -5m — durations count forward from an event; write a whole number followed by s, m, h or d, e.g. 90s, 15m, 72h, 7d",
                "settlement.window (line 6, column 23): negative durations are not allowed, found -1h — durations count forward from an event; write a whole number followed by s, m, h or d, e.g. 90s, 15m, 72h, 7d",
            ]
        },
        {
            "window over the maximum, bad grace, zero expiry, bad attribution",
            """
            name: t
            correlate_by: x
            qualify: { seen: a }
            settlement:
              window: 181d
              grace: 3 days
            expire_after: 0s
            attribution: middle
            """,
            [
                "settlement.window (line 5, column 11): the window 181d is longer than the maximum of 180d — use a window of at most 180d",
                "settlement.grace (line 6, column 10): '3 days' is not a duration — write a whole number followed by s, m, h or d, e.g. 90s, 15m, 72h, 7d",
                "expire_after (line 7, column 15): expire_after must be longer than zero — give the outcome time to qualify, e.g. 30d, or remove expire_after so it never expires",
                "attribution (line 8, column 14): unknown attribution 'middle' — use first or last",
            ]
        },
        {
            "reverse_on that can never match",
            """
            name: t
            correlate_by: ticket_id
            qualify: { seen: ticket.closed }
            reverse_on:
              any:
                - seen: ticket.reopened
                  where: { ticket_id: { exists: false } }
                - count: { of: ticket.reopened, where: { $type: ticket.closed }, at_least: 1 }
            settlement: { window: 72h }
            """,
            [
                "reverse_on.any[0] (line 6, column 7): reverse_on can never match: it requires 'ticket.reopened' events without 'ticket_id', and such events are never routed to this outcome (correlate_by: ticket_id) — fix the type or the where clause, or remove the condition",
                "reverse_on.any[1] (line 8, column 7): reverse_on can never match: it looks at 'ticket.reopened' events but its where clause excludes $type 'ticket.reopened' — fix the type or the where clause, or remove the condition",
            ]
        },
        {
            "contradictory bounds and sum without a valid bound",
            """
            name: t
            correlate_by: x
            qualify:
              any:
                - count: { of: a, at_least: 5, at_most: 3 }
                - sum: { of: deal, property: amount, exactly: 5 }
                - distinct: { of: a, at_least: 2 }
            settlement: { window: 1h }
            """,
            [
                "qualify.any[0].count.at_least (line 5, column 33): at_least (5) is greater than at_most (3), so the condition can never hold — swap the bounds or remove one of them",
                "qualify.any[1].sum (line 6, column 12): a bound is required — add at_least and/or at_most",
                "qualify.any[1].sum.exactly (line 6, column 42): unknown field 'exactly' — valid fields: of, property, where, at_least, at_most",
                "qualify.any[2].distinct.property (line 7, column 17): the field 'property' is required — name the property path to read, e.g. property: amount",
            ]
        },
        {
            "invalid regular expression and non-boolean flag",
            """
            name: t
            correlate_by: x
            qualify:
              seen: a
              where: { x: { matches: "(a" } }
            settlement: { window: 1h, reset_on_event: yes }
            """,
            [
                "qualify.where.x.matches (line 5, column 26): invalid regular expression: Invalid pattern '(a' at offset 2. Not enough )'s. — matches uses .NET regular expressions without backreferences or lookarounds",
                "settlement.reset_on_event (line 6, column 43): reset_on_event must be true or false — write reset_on_event: true",
            ]
        },
        {
            "duplicate field",
            """
            name: t
            name: u
            correlate_by: x
            qualify: { seen: a }
            settlement: { window: 1h }
            """,
            [
                "name (line 2, column 1): the field 'name' is given twice — remove one of them",
            ]
        },
        {
            "broken YAML",
            """
            name: t
            correlate_by: x
              qualify: [
            """,
            [
                "(document) (line 3, column 10): invalid YAML: While scanning a plain scalar value, found invalid mapping. — check indentation and quoting at this position",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void invalid_definitions_report_every_error_with_path_position_and_hint(string because, string yaml, string[] expected)
    {
        var result = OutcomeDefinition.Parse(yaml, DefinitionFormat.Yaml);

        Assert.False(result.IsValid, because);
        Assert.Null(result.Definition);
        Assert.Equal(expected, result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void errors_carry_path_line_column_message_and_hint_separately()
    {
        var result = OutcomeDefinition.Parse("name: t\ncorrelate_by: x\nqualify:\n  all:\n    - seen: a\n    - count: { of: b, at_least: -1 }\nsettlement: { window: 1h }\n", DefinitionFormat.Yaml);

        var error = Assert.Single(result.Errors);
        Assert.Equal(new DefinitionError("qualify.all[1].count.at_least", 6, 33, "at_least must be a whole number of at least 0, found -1", "counts are whole numbers, e.g. 1, 2, 10"), error);
    }

    [Fact]
    public void json_errors_use_the_same_paths_and_messages()
    {
        var result = OutcomeDefinition.Parse("""{"name": "t", "correlate_by": "x", "qualify": {"seen": "a", "bogus": 1}, "settlement": {"window": "-1h"}}""", DefinitionFormat.Json);

        Assert.Equal(
            [
                "qualify.bogus: unknown option of seen 'bogus' — valid keys next to seen: seen, where, after, before, within",
                "settlement.window: negative durations are not allowed, found -1h — durations count forward from an event; write a whole number followed by s, m, h or d, e.g. 90s, 15m, 72h, 7d",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void malformed_json_reports_line_and_column()
    {
        var error = Assert.Single(OutcomeDefinition.Parse("{\"name\": \"t\",\n \"correlate_by\": \"x\" \"qualify\": 1}", DefinitionFormat.Json).Errors);

        Assert.Equal((2, 22), (error.Line, error.Column));
        Assert.StartsWith("invalid JSON", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void an_empty_document_is_an_error()
    {
        var error = Assert.Single(OutcomeDefinition.Parse("# nothing here\n", DefinitionFormat.Yaml).Errors);

        Assert.Equal("the definition is empty", error.Message);
    }

    [Fact]
    public void a_definition_stored_under_the_older_event_type_rule_still_loads_while_new_input_is_refused()
    {
        const string Source = """{"name":"legacy","correlate_by":"ticket_id","qualify":{"seen":"Ticket:Closed/X"},"settlement":{"window":"72h"}}""";

        Assert.False(OutcomeDefinition.Parse(Source, DefinitionFormat.Json).IsValid);
        var stored = OutcomeDefinition.ParseStored(Source);

        Assert.True(stored.IsValid, string.Join("; ", stored.Errors));
        Assert.Equal(["Ticket:Closed/X"], stored.Definition.ListenedTypes);
    }
}
