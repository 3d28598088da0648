using System.Net;
using System.Text.Json;
using Witn.Storage.Postgres;

namespace Witn.EndToEnd.Tests;

/// <summary>The README's first command: a silo on its own embedded PostgreSQL, as a newcomer runs it.</summary>
public sealed class EmbeddedSiloTests
{
    [Fact]
    public async Task the_silo_starts_on_embedded_postgres_is_ready_and_ctrl_c_stops_postgres_too()
    {
        await using var dir = new TempDataDir();
        await using var silo = SiloProcess.Start(dir.Path);

        await silo.WaitUntilReadyAsync();

        Assert.Contains($"http://127.0.0.1:{silo.HttpPort}/v1", silo.Output, StringComparison.Ordinal);
        // The dashboard is opt-in (--dashboard): off, it is neither announced nor served.
        Assert.Contains("Dashboard   off (--dashboard to serve it)", silo.Output, StringComparison.Ordinal);
        Assert.Contains(Path.Combine(dir.Path, "admin.key"), silo.Output, StringComparison.Ordinal);
        var adminKey = await silo.AdminKeyAsync();
        Assert.Contains(adminKey, silo.Output, StringComparison.Ordinal);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dir.Path, "admin.key")));

        using var ready = await silo.Http.GetAsync("/readyz");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        using var body = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        Assert.Equal("ready", body.RootElement.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("/healthz")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await silo.Http.GetAsync("/dashboard/")).StatusCode);

        // The newcomer's silo, too, works as the runtime role: the owner's migration session is gone.
        Assert.Contains("  Roles       works as witn_runtime, migrates as witn_owner", silo.Output, StringComparison.Ordinal);
        Assert.Equal([DatabaseRoles.Runtime], await SessionRoles.OnAsync(await dir.SuperUserConnectionStringAsync(), "witn"));

        var postgresPid = dir.ServerPid();
        Assert.NotNull(postgresPid);

        // Started with SIGINT at its default handling (SiloProcess), so Ctrl-C is delivered even when this test
        // process inherited SIGINT ignored.
        Assert.False(silo.Ignores(2));
        Assert.Equal(0, await silo.InterruptAsync(TimeSpan.FromSeconds(60)));
        Assert.False(UnixProcess.IsAlive(postgresPid.Value), "PostgreSQL still runs after the silo stopped");
        Assert.Contains("PostgreSQL: stopped", silo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_silo_started_with_sigint_ignored_as_a_background_job_still_stops_cleanly_on_sigterm()
    {
        await using var dir = new TempDataDir();
        await using var silo = SiloProcess.Start(dir.Path, sigint: SigintAtStart.Ignored);
        await silo.WaitUntilReadyAsync();
        var postgresPid = dir.ServerPid();
        Assert.NotNull(postgresPid);

        // What a shell does to a background job: Ctrl-C cannot reach this silo at all.
        Assert.True(silo.Ignores(2), "the silo was to start with SIGINT ignored");
        using (var sigint = System.Diagnostics.Process.Start("kill", ["-INT", silo.Pid.ToString(System.Globalization.CultureInfo.InvariantCulture)])!)
        {
            await sigint.WaitForExitAsync();
        }

        Assert.Equal(HttpStatusCode.OK, (await silo.Http.GetAsync("/readyz")).StatusCode);
        Assert.False(silo.HasExited);

        Assert.Equal(0, await silo.StopAsync(TimeSpan.FromSeconds(60)));
        Assert.Contains("Witn.Actors silo stopped.", silo.Output, StringComparison.Ordinal);
        Assert.False(UnixProcess.IsAlive(postgresPid.Value), "PostgreSQL still runs after the silo stopped");
    }

    [Fact]
    public async Task a_second_run_reuses_the_data_and_the_admin_key_of_the_first()
    {
        await using var dir = new TempDataDir();
        string firstKey;
        await using (var first = SiloProcess.Start(dir.Path))
        {
            await first.WaitUntilReadyAsync();
            firstKey = await first.AdminKeyAsync();
            using var client = await first.AuthorizedAsync();
            using var created = await client.PostAsync("/v1/keys", Json("""{"name":"survives restarts","scopes":["read"]}"""));
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            Assert.Equal(0, await first.StopAsync(TimeSpan.FromSeconds(60)));
        }

        await using var second = SiloProcess.Start(dir.Path);
        await second.WaitUntilReadyAsync();

        Assert.DoesNotContain("initialized a new cluster", second.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(firstKey, second.Output, StringComparison.Ordinal);
        Assert.Equal(firstKey, await second.AdminKeyAsync());
        using var again = await second.AuthorizedAsync(firstKey);
        var keys = await again.GetStringAsync("/v1/keys");
        Assert.Contains("survives restarts", keys, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_silo_killed_with_its_postgres_recovers_the_stale_pid_file_on_the_next_run()
    {
        await using var dir = new TempDataDir();
        int[] ports;
        await using (var first = SiloProcess.Start(dir.Path))
        {
            await first.WaitUntilReadyAsync();
            ports = first.Ports;
            var postgres = dir.ServerPid()!.Value;
            await first.KillAsync();
            using var killPostgres = System.Diagnostics.Process.Start("kill", ["-KILL", postgres.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
            await killPostgres.WaitForExitAsync();
            await Witn.Testing.Eventually.HoldsAsync(() => Task.FromResult(!UnixProcess.IsAlive(postgres)), TimeSpan.FromSeconds(10), "postgres to die");
        }

        Assert.True(File.Exists(dir.PidFile), "a crash leaves postmaster.pid behind");

        // Restarted on its ports, the silo supersedes its crashed former self in the membership table at once.
        await using var second = SiloProcess.Start(dir.Path, ports: ports);
        await second.WaitUntilReadyAsync();
        Assert.Equal(HttpStatusCode.OK, (await second.Http.GetAsync("/readyz")).StatusCode);
    }

    [Fact]
    public async Task a_postgres_orphaned_by_a_killed_silo_is_stopped_and_replaced_by_the_next_run()
    {
        await using var dir = new TempDataDir();
        int orphan;
        int[] ports;
        await using (var first = SiloProcess.Start(dir.Path))
        {
            await first.WaitUntilReadyAsync();
            ports = first.Ports;
            orphan = dir.ServerPid()!.Value;
            await first.KillAsync();
        }

        Assert.True(UnixProcess.IsAlive(orphan), "SIGKILL gives the silo no chance to stop its PostgreSQL");

        await using var second = SiloProcess.Start(dir.Path, ports: ports);
        await second.WaitUntilReadyAsync();

        Assert.False(UnixProcess.IsAlive(orphan));
        Assert.NotEqual(orphan, dir.ServerPid());
        Assert.Contains("left behind by a process that exited", second.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task a_second_silo_on_the_same_data_folder_shares_the_embedded_postgres_and_only_the_owner_stops_it()
    {
        await using var dir = new TempDataDir();
        await using var owner = SiloProcess.Start(dir.Path);
        await owner.WaitUntilReadyAsync();
        var postgres = dir.ServerPid()!.Value;

        await using var neighbour = SiloProcess.Start(dir.Path);
        await neighbour.WaitUntilReadyAsync();
        Assert.Contains("PostgreSQL: sharing the server of process", neighbour.Output, StringComparison.Ordinal);

        using var client = await owner.AuthorizedAsync();
        await Witn.Testing.Eventually.HoldsAsync(
            async () => (await client.GetStringAsync("/v1/cluster")).Split("\"status\":\"active\"").Length - 1 == 2,
            TimeSpan.FromSeconds(30), "both silos active in one cluster");

        Assert.Equal(0, await neighbour.StopAsync(TimeSpan.FromSeconds(60)));
        Assert.True(UnixProcess.IsAlive(postgres), "the neighbour must not stop a server it does not own");
        Assert.Equal(HttpStatusCode.OK, (await owner.Http.GetAsync("/readyz")).StatusCode);

        Assert.Equal(0, await owner.StopAsync(TimeSpan.FromSeconds(60)));
        Assert.False(UnixProcess.IsAlive(postgres));
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
