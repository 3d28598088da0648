using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Witn.Cli.Exit;
using Witn.Testing;

namespace Witn.Cli.Tests;

/// <summary>The CLI as a process against a real silo (Kestrel, Orleans, PostgreSQL in this test process).</summary>
public sealed class CliAgainstSiloTests : IClassFixture<InProcessSilo>, IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);
    private readonly InProcessSilo _silo;
    private readonly CliProcess _cli;
    private readonly string _dir = Path.Combine(Path.GetTempPath(), $"witn-cli-files-{Guid.NewGuid():N}");

    public CliAgainstSiloTests(InProcessSilo silo)
    {
        _silo = silo;
        _cli = new CliProcess(silo.BaseAddress, silo.AdminKey);
        Directory.CreateDirectory(_dir);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Example(string kind, string file) => Path.Combine(ExampleFiles.RepoRoot, "examples", kind, file);

    [Fact]
    public async Task The_quickstart_runs_with_the_cli_from_a_tenant_to_a_final_invoice()
    {
        var tenant = "cli-tour";
        await Ok("tenants", "put", tenant, "--name", "Acme Corp", "--timezone", "Europe/Berlin", "--sandbox", "--clock-start", "2026-11-02T10:00:00Z");
        var contract = Path.Combine(_dir, "contracts", $"{tenant}.yaml");
        Directory.CreateDirectory(Path.GetDirectoryName(contract)!);
        await File.WriteAllTextAsync(contract, (await File.ReadAllTextAsync(Example("contracts", "acme.yaml"), Ct)).Replace("tenant: acme", $"tenant: {tenant}", StringComparison.Ordinal), Ct);

        var applied = await Ok("apply", "-f", Example("outcomes", "ticket_resolved.yaml"), "-f", contract);
        Assert.Contains("contract cli-tour", applied.Out, StringComparison.Ordinal);
        Assert.Matches("applied|unchanged", applied.Out);
        var again = await Ok("diff", "-f", Example("outcomes", "ticket_resolved.yaml"), "-f", contract);
        Assert.Contains("the server holds all of it: nothing to apply", again.Out, StringComparison.Ordinal);

        var events = Path.Combine(_dir, "events.ndjson");
        await File.WriteAllTextAsync(events, (await File.ReadAllTextAsync(Example("events", "ticket_T-1042.ndjson"), Ct)).Replace("\"acme\"", $"\"{tenant}\"", StringComparison.Ordinal), Ct);
        var sent = await Ok("events", "send", events);
        Assert.Contains("2 event(s): 2 accepted, 0 duplicate, 0 conflict, 0 rejected", sent.Out, StringComparison.Ordinal);
        Assert.Contains("0 accepted, 2 duplicate", (await Ok("events", "send", events)).Out, StringComparison.Ordinal);

        await Eventually.ReturnsAsync(async () => (await _cli.RunAsync("outcomes", "list", "--tenant", tenant, "--state", "qualified", "-q")).Out.Contains("ticket_resolved", StringComparison.Ordinal) ? "" : null, Deadline, "T-1042 qualified");
        Assert.Contains("now              2026-11-05T09:41:00+00:00", (await Ok("clock", "advance", "--tenant", tenant, "--to", "2026-11-05T09:41:00Z")).Out, StringComparison.Ordinal);

        var charge = Assert.Single((await Ok("charges", "list", "--tenant", tenant, "-q")).Out.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        var explained = await Ok("charges", "explain", charge);
        Assert.Contains($"ticket_resolved for T-1042: ticket.closed (resolution = solved) at 2026-11-02 09:30 by support-bot 3.1", explained.Out, StringComparison.Ordinal);
        Assert.Contains("held qualify.all[0] seen", explained.Out, StringComparison.Ordinal);
        Assert.Contains("not held reverse_on", explained.Out, StringComparison.Ordinal);
        Assert.Contains("settled", explained.Out, StringComparison.Ordinal);

        var draft = await Ok("invoices", "show", "--tenant", tenant, "2026-11-01", "--expand");
        Assert.Contains("└ T-1042", draft.Out, StringComparison.Ordinal);
        Assert.Contains("total 1000.00 USD", draft.Out, StringComparison.Ordinal);
        await Ok("clock", "advance", "--tenant", tenant, "--to", "2026-12-01T01:00:00Z");
        var final = await Ok("invoices", "finalize", "--tenant", tenant, "2026-11-01", "--json");
        Assert.Equal("final", JsonDocument.Parse(final.Out).RootElement.GetProperty("status").GetString());

        var evaluated = await Ok("evaluate", "ticket_resolved", "--events", events, "--now", "2026-11-06T00:00:00Z");
        Assert.Contains("T-1042: settled", evaluated.Out, StringComparison.Ordinal);
        var key = (await Ok("keys", "create", "--name", "support-bot", "--scope", "ingest", "--tenant", tenant, "-q")).Out.Trim();
        Assert.StartsWith("wk_", key, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_shows_new_unchanged_new_version_and_status_change_and_dry_run_changes_nothing()
    {
        var outcomes = Directory.CreateDirectory(Path.Combine(_dir, "defs", "outcomes")).FullName;
        var file = Path.Combine(outcomes, "cli_plan.yaml");
        // Its own event type: the other tests' tenants send ticket events, which this definition must not route.
        const string Definition = "name: cli_plan\ncorrelate_by: ticket_id\nqualify:\n  seen: cli_plan.done\nsettlement:\n  window: 72h\n";
        await File.WriteAllTextAsync(file, Definition, Ct);
        var root = Path.Combine(_dir, "defs");

        var plan = await _cli.RunAsync("diff", "-f", root);
        Assert.True(plan.ExitCode == ExitCodes.Failed, plan.ToString());
        Assert.Contains("new ", plan.Out, StringComparison.Ordinal);
        Assert.Contains("1 change(s) to apply", (await Ok("apply", "--dry-run", "-f", root)).Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.Failed, (await _cli.RunAsync("diff", "-f", root)).ExitCode);
        await Ok("apply", "-f", root);
        Assert.Contains("nothing to apply", (await Ok("diff", "-f", root)).Out, StringComparison.Ordinal);

        // A comment and 3d for 72h are the same content; a new window is a new version.
        await File.WriteAllTextAsync(file, "# reviewed\n" + Definition.Replace("72h", "3d", StringComparison.Ordinal), Ct);
        await Ok("diff", "-f", root);
        await File.WriteAllTextAsync(file, Definition.Replace("72h", "24h", StringComparison.Ordinal), Ct);
        Assert.Contains("new version 2", (await _cli.RunAsync("diff", "-f", root)).Out, StringComparison.Ordinal);

        // In outcomes/shadow/ the definition is meant to be shadow: a status change.
        var shadow = Directory.CreateDirectory(Path.Combine(outcomes, "shadow")).FullName;
        File.Move(file, Path.Combine(shadow, "cli_plan.yaml"));
        var json = await _cli.RunAsync("diff", "-f", root, "--json");
        var change = JsonDocument.Parse(json.Out).RootElement.GetProperty("changes")[0];
        Assert.Equal(("new version 2", "active", "shadow"), (change.GetProperty("change").GetString(), change.GetProperty("status_from").GetString(), change.GetProperty("status_to").GetString()));
        await Ok("apply", "-f", root);
        using var admin = _silo.Client();
        var stored = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/v1/outcomes/cli_plan", UriKind.Relative), Ct)).RootElement;
        Assert.Equal(("shadow", 2), (stored.GetProperty("status").GetString(), stored.GetProperty("latest_version").GetInt32()));
        Assert.Contains("nothing to apply", (await Ok("diff", "-f", root)).Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_adds_the_servers_checks_a_missing_tenant_and_prices_of_unknown_outcomes()
    {
        var contracts = Directory.CreateDirectory(Path.Combine(_dir, "v", "contracts")).FullName;
        await File.WriteAllTextAsync(Path.Combine(contracts, "cli-nobody.yaml"), "currency: USD\nprices:\n  cli_never_defined:\n    unit_price: 1.00\n", Ct);
        var run = await _cli.RunAsync("validate", "-f", Path.Combine(_dir, "v"));
        Assert.True(run.ExitCode == ExitCodes.Failed, run.ToString());
        Assert.Contains("tenant 'cli-nobody' does not exist on the server", run.Out, StringComparison.Ordinal);
        Assert.Contains($"warning: {Path.Combine(contracts, "cli-nobody.yaml")}:3:3: prices.cli_never_defined:", run.Out, StringComparison.Ordinal);
        Assert.Contains("against " + _silo.BaseAddress, run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_key_is_exit_4_with_one_line_and_login_refuses_to_save_it()
    {
        await _silo.PutTenantAsync("cli-keys");
        var key = (await Ok("keys", "create", "--name", "soon revoked", "--scope", "read", "--tenant", "cli-keys", "-q")).Out.Trim();
        var id = key.Split('_')[1];
        Assert.Contains("revoked_at", (await Ok("keys", "revoke", id)).Out, StringComparison.Ordinal);

        var refused = await new CliProcess(_silo.BaseAddress, key).RunAsync("charges", "list", "--tenant", "cli-keys");
        Assert.True(refused.ExitCode == ExitCodes.Unauthorized, refused.ToString());
        var line = Assert.Single(refused.Error.TrimEnd().Split('\n'));
        Assert.StartsWith($"witn: {_silo.BaseAddress.ToString().TrimEnd('/')} refused the key: ", line, StringComparison.Ordinal);
        Assert.DoesNotContain(key, refused.Error + refused.Out, StringComparison.Ordinal);

        using var fresh = new CliProcess();
        var login = await fresh.RunAsync("login", "--url", _silo.BaseAddress.ToString(), "--key", key);
        Assert.True(login.ExitCode == ExitCodes.Unauthorized, login.ToString());
        Assert.Contains("the profile was not saved", login.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(fresh.ConfigHome, "witn", "profiles.json")));
    }

    [Fact]
    public async Task Login_saves_a_profile_that_later_commands_use_and_never_prints_the_key()
    {
        using var fresh = new CliProcess();
        var login = await fresh.RunAsync(["login", "--url", _silo.BaseAddress.ToString(), "--key", "-", "--profile", "test"], input: _silo.AdminKey + "\n");
        Assert.True(login.ExitCode == ExitCodes.Ok, login.ToString());
        var file = Path.Combine(fresh.ConfigHome, "witn", "profiles.json");
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));

        var status = await fresh.RunAsync("status");
        Assert.True(status.ExitCode == ExitCodes.Ok, status.ToString());
        Assert.Contains("ready", status.Out, StringComparison.Ordinal);
        Assert.Contains("profile 'test'", status.Out, StringComparison.Ordinal);
        var secret = _silo.AdminKey[(_silo.AdminKey.LastIndexOf('_') + 1)..];
        Assert.DoesNotContain(secret, login.Out + login.Error + status.Out + status.Error, StringComparison.Ordinal);

        var elsewhere = await fresh.RunAsync(["status"], new Dictionary<string, string?> { ["WITN_URL"] = $"http://127.0.0.1:{FreePorts.Take(1)[0]}" });
        Assert.True(elsewhere.ExitCode == ExitCodes.Unreachable, elsewhere.ToString());
        Assert.Equal(ExitCodes.Usage, (await fresh.RunAsync("status", "--profile", "prod")).ExitCode);
    }

    [Fact]
    public async Task Events_send_summarizes_a_rejected_event_with_its_line_and_exits_1()
    {
        await _silo.PutTenantAsync("cli-reject");
        var file = Path.Combine(_dir, "mixed.ndjson");
        await File.WriteAllLinesAsync(file,
        [
            """{"tenant_id": "cli-reject", "type": "ticket.created", "timestamp": "2026-12-01T09:00:00Z", "idempotency_key": "r-1", "properties": {"ticket_id": "R-1"}}""",
            """{"tenant_id": "cli-reject", "type": "Ticket Closed", "timestamp": "2026-12-01T09:00:00Z", "idempotency_key": "r-2"}""",
        ], Ct);
        var run = await _cli.RunAsync("events", "send", file);
        Assert.True(run.ExitCode == ExitCodes.Failed, run.ToString());
        Assert.Contains("2 event(s): 1 accepted, 0 duplicate, 0 conflict, 1 rejected", run.Out, StringComparison.Ordinal);
        Assert.Contains("line 2: rejected invalid_type type: type 'Ticket Closed' is invalid", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_tail_prints_an_event_sent_after_it_started_and_stops_at_count()
    {
        var tenant = "cli-tail";
        await _silo.PutTenantAsync(tenant);
        await Ok("apply", "-f", Example("outcomes", "ticket_resolved.yaml"));
        using var tail = _cli.Start(["events", "tail", "--tenant", tenant, "--count", "1", "--interval", "00:00:00.100"]);
        var ready = await ReadLineAsync(tail.StandardError, "tail ready");
        Assert.Equal($"witn: following the events of tenant '{tenant}' (Ctrl-C stops)", ready);

        var now = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        using var admin = _silo.Client();
        using var body = new StringContent($$$"""{"tenant_id": "{{{tenant}}}", "type": "ticket.closed", "timestamp": "{{{now}}}", "idempotency_key": "tail-1", "properties": {"ticket_id": "TAIL-1", "resolution": "solved"}}""", System.Text.Encoding.UTF8, "application/json");
        using var sent = await admin.PostAsync(new Uri("/v1/events", UriKind.Relative), body, Ct);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);

        var line = await ReadLineAsync(tail.StandardOutput, "the tailed event");
        Assert.Contains("ticket.closed  ticket_resolved/TAIL-1", line, StringComparison.Ordinal);
        using var exit = new CancellationTokenSource(Deadline);
        await tail.WaitForExitAsync(exit.Token);
        Assert.Equal(ExitCodes.Ok, tail.ExitCode);
    }

    [Fact]
    public async Task Simulate_in_a_terminal_draws_a_progress_bar_to_100_percent_then_parity_and_the_delta_table()
    {
        var tenant = "cli-sim";
        await Ok("tenants", "put", tenant, "--name", "Sim", "--sandbox", "--clock-start", "2026-11-02T10:00:00Z");
        var live = Path.Combine(_dir, "sim-live.yaml");
        await File.WriteAllTextAsync(live, $"tenant: {tenant}\ncurrency: USD\neffective_from: 2026-01-01\nprices:\n  ticket_resolved:\n    unit_price: 2.00\n", Ct);
        await Ok("apply", "-f", Example("outcomes", "ticket_resolved.yaml"), "-f", live);
        var events = Path.Combine(_dir, "sim.ndjson");
        await File.WriteAllTextAsync(events, (await File.ReadAllTextAsync(Example("events", "ticket_T-1042.ndjson"), Ct)).Replace("\"acme\"", $"\"{tenant}\"", StringComparison.Ordinal), Ct);
        await Ok("events", "send", events);
        await Eventually.ReturnsAsync(async () => (await _cli.RunAsync("outcomes", "list", "--tenant", tenant, "-q")).Out.Contains("ticket_resolved", StringComparison.Ordinal) ? "" : null, Deadline, "T-1042 routed");
        await Ok("clock", "advance", "--tenant", tenant, "--to", "2026-11-05T09:41:00Z");

        var script = new[] { "/usr/bin/script", "/bin/script" }.FirstOrDefault(File.Exists);
        Assert.True(script is not null, "script(1) from util-linux is needed for the terminal test: sudo apt-get install bsdutils");
        var command = $"dotnet '{CliProcess.CliDll}' simulate --tenant {tenant} --name pty";
        var start = _cli.StartInfo(script, ["-qfec", command, "/dev/null"], new Dictionary<string, string?> { ["TERM"] = "xterm-256color", ["COLUMNS"] = "120" });
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(Ct);
        using var exit = new CancellationTokenSource(Deadline);
        await process.WaitForExitAsync(exit.Token);
        var text = await output;
        Assert.True(process.ExitCode == 0, text + await process.StandardError.ReadToEndAsync(Ct));
        Assert.Contains("\u001b[", text, StringComparison.Ordinal);
        Assert.Contains("100%", text, StringComparison.Ordinal);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(text, @"done: (\d+)/\1 events, [1-9]\d* outcomes"), text);
        Assert.Contains("holds", text, StringComparison.Ordinal);

        // Redirected, the same command prints no escape codes, and --csv writes the flips of a candidate contract.
        var candidate = Path.Combine(_dir, "candidate.yaml");
        await File.WriteAllTextAsync(candidate, $"tenant: {tenant}\ncurrency: USD\neffective_from: 2026-01-01\nprices:\n  ticket_resolved:\n    unit_price: 2.50\n", Ct);
        var csv = Path.Combine(_dir, "flips.csv");
        var plain = await Ok("simulate", "--tenant", tenant, "--contract", candidate, "--csv", csv);
        Assert.DoesNotContain("\u001b[", plain.Out, StringComparison.Ordinal);
        Assert.Contains("parity holds", plain.Out, StringComparison.Ordinal);
        Assert.True(System.Text.RegularExpressions.Regex.IsMatch(plain.Out, @"ticket_resolved +USD +1 → 1 +2\.00 +2\.50 +0\.50 +25"), plain.Out);
        Assert.StartsWith("tenant,definition,correlation", await File.ReadAllTextAsync(csv, Ct), StringComparison.Ordinal);
    }

    private async Task<CliRun> Ok(params string[] args)
    {
        var run = await _cli.RunAsync(args);
        Assert.True(run.ExitCode == ExitCodes.Ok, $"witn {string.Join(' ', args)}: {run}");
        return run;
    }

    private static async Task<string> ReadLineAsync(StreamReader reader, string what)
    {
        using var deadline = new CancellationTokenSource(Deadline);
        try
        {
            return await reader.ReadLineAsync(deadline.Token) ?? throw new InvalidOperationException($"{what}: the stream ended");
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"{what}: no line within {Deadline}");
        }
    }

    public void Dispose()
    {
        _cli.Dispose();
        Directory.Delete(_dir, recursive: true);
    }
}
