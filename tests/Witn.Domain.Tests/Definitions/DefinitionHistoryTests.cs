using Witn.Domain.Definitions;
using Witn.Domain.Tests.Support;

namespace Witn.Domain.Tests.Definitions;

public sealed class DefinitionHistoryTests
{
    private static readonly DateTimeOffset At = Ev.T0;

    [Fact]
    public void first_publish_creates_version_one()
    {
        var published = DefinitionHistory.Empty("ticket_resolved").Publish(Examples.Load("ticket_resolved"), At);

        Assert.True(published.Created);
        Assert.Equal(1, published.Version.Version);
        Assert.Equal(Examples.Load("ticket_resolved").ContentHash(), published.Version.ContentHash);
    }

    [Fact]
    public void publishing_identical_content_is_a_no_op_returning_the_same_version()
    {
        var first = DefinitionHistory.Empty("ticket_resolved").Publish(Examples.Load("ticket_resolved"), At);
        var respelled = Examples.Parse("# a comment\n" + Examples.Text("ticket_resolved").Replace("72h", "3d", StringComparison.Ordinal));

        var again = first.History.Publish(respelled, At.AddHours(1));

        Assert.False(again.Created);
        Assert.Same(first.History, again.History);
        Assert.Equal(first.Version, again.Version);
    }

    [Fact]
    public void changed_content_appends_a_version_and_keeps_the_old_one()
    {
        var first = DefinitionHistory.Empty("ticket_resolved").Publish(Examples.Load("ticket_resolved"), At);
        var changed = Examples.Parse(Examples.Text("ticket_resolved").Replace("72h", "96h", StringComparison.Ordinal));

        var second = first.History.Publish(changed, At.AddHours(1));

        Assert.True(second.Created);
        Assert.Equal(2, second.Version.Version);
        Assert.Equal(first.Version, second.History.Get(1));
        Assert.Equal(TimeSpan.FromHours(72), second.History.Get(1)!.Definition.Settlement.Window);
    }

    [Fact]
    public void going_back_to_older_content_is_a_new_version()
    {
        var v1 = DefinitionHistory.Empty("ticket_resolved").Publish(Examples.Load("ticket_resolved"), At);
        var v2 = v1.History.Publish(Examples.Parse(Examples.Text("ticket_resolved").Replace("72h", "96h", StringComparison.Ordinal)), At);

        var v3 = v2.History.Publish(Examples.Load("ticket_resolved"), At);

        Assert.True(v3.Created);
        Assert.Equal(3, v3.Version.Version);
        Assert.Equal(v1.Version.ContentHash, v3.Version.ContentHash);
    }

    [Fact]
    public void status_changes_do_not_touch_versions()
    {
        var history = DefinitionHistory.Empty("ticket_resolved").Publish(Examples.Load("ticket_resolved"), At).History;

        var shadow = history.WithStatus(DefinitionStatus.Shadow);

        Assert.Equal(DefinitionStatus.Shadow, shadow.Status);
        Assert.Equal(history.Versions, shadow.Versions);
    }

    [Fact]
    public void a_definition_cannot_be_published_under_another_name() =>
        Assert.Throws<ArgumentException>(() => DefinitionHistory.Empty("other").Publish(Examples.Load("ticket_resolved"), At));
}
