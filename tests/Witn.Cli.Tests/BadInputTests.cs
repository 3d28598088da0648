using Witn.Cli.Exit;
using Witn.Testing;

namespace Witn.Cli.Tests;

/// <summary>Bad input that needs no server: each gives one clear line on stderr and its documented exit code.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly CliProcess _cli = new();
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"witn-bad-{Guid.NewGuid():N}");

    public BadInputTests() => Directory.CreateDirectory(_dir);

    [Fact]
    public async Task A_missing_file_is_a_usage_error_naming_the_file()
    {
        var missing = Path.Combine(_dir, "nope.ndjson");
        var run = await _cli.RunAsync("validate", "-f", missing);
        Assert.True(run.ExitCode == ExitCodes.Usage, run.ToString());
        Assert.Equal($"witn: {missing}: no such file or folder", run.Error.TrimEnd());

        var send = await new CliProcess(new Uri("http://127.0.0.1:9"), "wk_0123456789abcdef_x").RunAsync("events", "send", missing);
        Assert.True(send.ExitCode == ExitCodes.Usage, send.ToString());
        Assert.Equal($"witn: {missing}: no such file", send.Error.TrimEnd());
    }

    [Fact]
    public async Task Invalid_yaml_fails_validation_offline_with_file_line_and_column()
    {
        var outcomes = Directory.CreateDirectory(Path.Combine(_dir, "outcomes")).FullName;
        var file = Path.Combine(outcomes, "broken.yaml");
        await File.WriteAllTextAsync(file, "name: broken\ncorrelate_by: ticket_id\nqualify:\n  seen: [ticket.closed\n", TestContext.Current.CancellationToken);
        var run = await _cli.RunAsync("validate", "-f", _dir);
        Assert.True(run.ExitCode == ExitCodes.Failed, run.ToString());
        var error = Assert.Single(run.Out.Split('\n'), l => l.StartsWith("error: ", StringComparison.Ordinal));
        Assert.Matches($@"^error: {System.Text.RegularExpressions.Regex.Escape(file)}:\d+:\d+: ", error);
        Assert.Contains("offline (no server configured, or --offline)", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_error_in_a_definition_names_the_line_and_column_of_the_field()
    {
        var file = Path.Combine(_dir, "ticket.yaml");
        await File.WriteAllTextAsync(file, "name: ticket\ncorrelate_by: ticket_id\nqualify:\n  seen: ticket.closed\nsettlement:\n  window: forever\n", TestContext.Current.CancellationToken);
        var run = await _cli.RunAsync("validate", "-f", file);
        Assert.True(run.ExitCode == ExitCodes.Failed, run.ToString());
        Assert.StartsWith($"error: {file}:6:11: settlement.window: ", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unreachable_server_is_exit_3_with_one_line_naming_it()
    {
        var port = FreePorts.Take(1)[0];
        var run = await new CliProcess(new Uri($"http://127.0.0.1:{port}"), "wk_0123456789abcdef_secret").RunAsync("tenants", "list");
        Assert.True(run.ExitCode == ExitCodes.Unreachable, run.ToString());
        var line = Assert.Single(run.Error.TrimEnd().Split('\n'));
        Assert.StartsWith($"witn: cannot reach http://127.0.0.1:{port}: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_option_or_a_missing_argument_is_exit_2_and_no_server_configured_says_how_to_log_in()
    {
        var unknown = await _cli.RunAsync("charges", "list", "--tenant", "acme", "--colour");
        Assert.True(unknown.ExitCode == ExitCodes.Usage, unknown.ToString());
        Assert.Single(unknown.Error.TrimEnd().Split('\n'));

        var missing = await _cli.RunAsync("charges", "show");
        Assert.True(missing.ExitCode == ExitCodes.Usage, missing.ToString());

        var none = await _cli.RunAsync("tenants", "list");
        Assert.True(none.ExitCode == ExitCodes.Usage, none.ToString());
        Assert.Contains("witn login --url", none.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Help_lists_every_command()
    {
        var run = await _cli.RunAsync("--help");
        Assert.True(run.ExitCode == ExitCodes.Ok, run.ToString());
        foreach (var command in new[] { "login", "status", "apply", "validate", "diff", "evaluate", "events", "tenants", "definitions", "outcomes", "charges", "invoices", "disputes", "reviews", "simulate", "rebuild", "clock", "keys", "webhooks" })
        {
            Assert.Contains($"  {command} ", run.Out, StringComparison.Ordinal);
        }
    }

    public void Dispose()
    {
        _cli.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
