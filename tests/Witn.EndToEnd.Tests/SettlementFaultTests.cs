using System.Diagnostics;
using Npgsql;
using Witn.Testing;

namespace Witn.EndToEnd.Tests;

/// <summary>
/// Invariant 2 under faults during settlement: a silo killed between the ledger commit and the outcome's own write,
/// a silo killed while a thousand outcomes settle, PostgreSQL restarted mid-settlement, and one of two clustered
/// silos killed mid-settlement all end, after a restart or a retried advance, in exactly the ledger the pure domain
/// fold computes from the events sent: every charge and credit once, none missing, none doubled.
/// Each test has a database of its own on the shared server (so no dead silo of another test is in its cluster).
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class SettlementFaultTests
{
    private static readonly TimeSpan AdvanceDeadline = TimeSpan.FromSeconds(90);

    // Shortened failure detection so a killed silo is declared dead in seconds rather than a minute.
    private static readonly Dictionary<string, string> FastMembership = new()
    {
        ["Orleans__Membership__ProbeTimeout"] = "00:00:01",
        ["Orleans__Membership__NumMissedProbesLimit"] = "2",
        ["Orleans__Membership__IAmAliveTablePublishTimeout"] = "00:00:02",
        ["Orleans__Membership__TableRefreshTimeout"] = "00:00:02",
        ["Orleans__Membership__DeathVoteExpirationTimeout"] = "00:00:30",
    };

    [Fact]
    public async Task kill_between_ledger_commit_and_outcome_write_charges_once()
    {
        await using var db = new TestDatabase();
        await db.InitializeAsync();
        await using var dir = new TempDataDir();
        var work = new SettlementWorkload("faults-commit", solved: 150, reopened: 30, reopenedInGrace: 20);
        int[] ports;
        string key;
        await using (var silo = SiloProcess.Start(dir.Path, db.ConnectionString, environment: new Dictionary<string, string> { ["Witn__Faults__CrashAt"] = "after-ledger-commit" }, host: SiloProcess.TestSiloDll))
        {
            await silo.WaitUntilReadyAsync();
            (ports, key) = (silo.Ports, await silo.AdminKeyAsync());
            using var admin = await silo.AuthorizedAsync(key);
            await work.SetUpAsync(admin);

            using var advance = SettlementWorkload.AdvanceClient(silo, key);
            Assert.False(await work.TryAdvanceAsync(advance), "the advance answered although the silo was to die at its first ledger commit");
            await Eventually.HoldsAsync(() => Task.FromResult(silo.HasExited), TimeSpan.FromSeconds(30), "the silo killing itself after a ledger commit");
            Assert.Equal(137, silo.ExitCode); // SIGKILL, by the test host's crash hook
        }

        // The crash hit the window: charges are committed that no outcome has recorded.
        var committed = await work.ChargeCountAsync(db.ConnectionString);
        Assert.InRange(committed, 1, work.ExpectedCharges.Count);
        Assert.Equal(0L, await work.RecordedChargeCountAsync(db.ConnectionString));
        Log($"at the crash: {committed} of {work.ExpectedCharges.Count} charges committed, none recorded by its outcome");

        await using var restarted = SiloProcess.Start(dir.Path, db.ConnectionString, ports: ports);
        await restarted.WaitUntilReadyAsync();
        using var client = SettlementWorkload.AdvanceClient(restarted, key);
        await work.AdvanceUntilDoneAsync(client, AdvanceDeadline);
        await work.AssertLedgerAsync(db.ConnectionString, client);
    }

    [Fact]
    public async Task no_configuration_makes_the_shipped_silo_kill_itself_during_settlement()
    {
        await using var db = new TestDatabase();
        await db.InitializeAsync();
        await using var dir = new TempDataDir();
        var work = new SettlementWorkload("faults-shipped", solved: 20, reopened: 0, reopenedInGrace: 0);
        // Every spelling the crash hook ever had: the production silo (witn-silo) reads none of them.
        var faults = new Dictionary<string, string> { ["Witn__Faults__CrashAt"] = "before-ledger-commit", ["Witn__Faults__CrashAfterLedgerCommit"] = "true" };
        await using var silo = SiloProcess.Start(dir.Path, db.ConnectionString, environment: faults);
        await silo.WaitUntilReadyAsync();
        var key = await silo.AdminKeyAsync();
        using var admin = await silo.AuthorizedAsync(key);
        await work.SetUpAsync(admin);

        using var client = SettlementWorkload.AdvanceClient(silo, key);
        await work.AdvanceUntilDoneAsync(client, AdvanceDeadline);
        await work.AssertLedgerAsync(db.ConnectionString, client);
        Assert.False(silo.HasExited, silo.Output);
    }

    [Fact]
    public async Task kill_while_1000_outcomes_are_due_charges_each_once()
    {
        await using var db = new TestDatabase();
        await db.InitializeAsync();
        await using var dir = new TempDataDir();
        var work = new SettlementWorkload("faults-kill", solved: 1000, reopened: 100, reopenedInGrace: 0);
        Assert.Equal(1000, work.ExpectedCharges.Count);
        int[] ports;
        string key;
        await using (var silo = SiloProcess.Start(dir.Path, db.ConnectionString))
        {
            await silo.WaitUntilReadyAsync();
            (ports, key) = (silo.Ports, await silo.AdminKeyAsync());
            using var admin = await silo.AuthorizedAsync(key);
            await work.SetUpAsync(admin);

            using var advance = SettlementWorkload.AdvanceClient(silo, key);
            var advancing = work.TryAdvanceAsync(advance);
            await UntilFirstChargesAsync(work, db.ConnectionString, advancing);
            await silo.KillAsync();
            Log($"killed with {await work.ChargeCountAsync(db.ConnectionString)} charges committed, {await work.RecordedChargeCountAsync(db.ConnectionString)} recorded by their outcomes; the advance then {(await advancing ? "succeeded" : "failed")}");
        }

        await using var restarted = SiloProcess.Start(dir.Path, db.ConnectionString, ports: ports);
        await restarted.WaitUntilReadyAsync();
        using var client = SettlementWorkload.AdvanceClient(restarted, key);
        await work.AdvanceUntilDoneAsync(client, AdvanceDeadline);
        await work.AssertLedgerAsync(db.ConnectionString, client);
    }

    [Fact]
    public async Task postgres_restart_mid_settlement_charges_each_once()
    {
        await using var postgres = await RestartablePostgres.StartAsync("witn");
        var cs = postgres.ConnectionString("witn", pooling: false);
        await using var dir = new TempDataDir();
        var work = new SettlementWorkload("faults-pg", solved: 800, reopened: 100, reopenedInGrace: 100);
        await using var silo = SiloProcess.Start(dir.Path, postgres.ConnectionString("witn", pooling: true), ["--migrate-connection-string", postgres.OwnerConnectionString("witn")]);
        await silo.WaitUntilReadyAsync();
        var key = await silo.AdminKeyAsync();
        using var admin = await silo.AuthorizedAsync(key);
        await work.SetUpAsync(admin);

        using var advance = SettlementWorkload.AdvanceClient(silo, key);
        var advancing = work.TryAdvanceAsync(advance);
        await UntilFirstChargesAsync(work, cs, advancing);
        var restart = Stopwatch.StartNew();
        await postgres.RestartAsync();
        Log($"PostgreSQL restarted on port {postgres.Port} in {restart.ElapsedMilliseconds} ms; {await work.ChargeCountAsync(cs)} charges committed, {await work.RecordedChargeCountAsync(cs)} recorded; the first advance then {(await advancing ? "succeeded" : "failed")}");

        await work.AdvanceUntilDoneAsync(advance, AdvanceDeadline);
        Assert.False(silo.HasExited, silo.Output);
        await work.AssertLedgerAsync(cs, advance);
    }

    [Fact]
    public async Task two_silos_one_killed_during_settlement_charges_each_once()
    {
        await using var db = new TestDatabase();
        await db.InitializeAsync();
        await using var dirA = new TempDataDir();
        await using var dirB = new TempDataDir();
        await using var a = SiloProcess.Start(dirA.Path, db.ConnectionString, environment: FastMembership);
        await a.WaitUntilReadyAsync();
        await using var b = SiloProcess.Start(dirB.Path, db.ConnectionString, environment: FastMembership);
        await b.WaitUntilReadyAsync();
        var key = await a.AdminKeyAsync();
        using var viaA = SettlementWorkload.AdvanceClient(a, key);
        using var viaB = SettlementWorkload.AdvanceClient(b, key);
        await Eventually.HoldsAsync(async () => await ActiveSilosAsync(viaA) == 2 && await ActiveSilosAsync(viaB) == 2, TimeSpan.FromSeconds(60), "both silos seeing two active silos");

        var work = new SettlementWorkload("faults-cluster", solved: 800, reopened: 100, reopenedInGrace: 100);
        await work.SetUpAsync(viaA);
        var advancing = work.TryAdvanceAsync(viaA);
        await UntilFirstChargesAsync(work, db.ConnectionString, advancing);
        await b.KillAsync();
        Log($"silo B killed with {await work.ChargeCountAsync(db.ConnectionString)} charges committed, {await work.RecordedChargeCountAsync(db.ConnectionString)} recorded; the first advance then {(await advancing ? "succeeded" : "failed")}");

        await work.AdvanceUntilDoneAsync(viaA, AdvanceDeadline);
        await work.AssertLedgerAsync(db.ConnectionString, viaA);
    }

    /// <summary>Polls the charges table as fast as it answers until the settlement has begun committing.</summary>
    private static async Task UntilFirstChargesAsync(SettlementWorkload work, string connectionString, Task<bool> advancing)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var conn = new NpgsqlConnection(builder.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT count(*) FROM charges WHERE tenant_id = $1", conn);
        cmd.Parameters.AddWithValue(work.Tenant);
        var deadline = Stopwatch.StartNew();
        while ((long)(await cmd.ExecuteScalarAsync())! == 0)
        {
            if (advancing.IsCompleted)
            {
                Assert.True(await advancing, "the advance failed before any charge was committed");
            }

            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(60), "no charge committed within 60 s of the advance");
            await Task.Delay(2);
        }
    }

    private static async Task<int> ActiveSilosAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/v1/cluster");
        response.EnsureSuccessStatusCode();
        using var doc = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("silos").EnumerateArray().Count(s => s.GetProperty("status").GetString() == "active");
    }

    private static void Log(string line) => TestContext.Current.TestOutputHelper?.WriteLine(line);
}
