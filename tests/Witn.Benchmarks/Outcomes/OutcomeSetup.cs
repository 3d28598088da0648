using System.Globalization;
using System.Text;
using Npgsql;

namespace Witn.Benchmarks.Outcomes;

/// <summary>
/// What the outcome benchmarks set up over HTTP (as <c>ScenarioRunner</c> does: definitions from
/// <c>examples/outcomes</c>, contracts from <c>examples/contracts</c> re-addressed to the benchmark's tenant) and
/// what they read back from PostgreSQL.
/// </summary>
public static class OutcomeSetup
{
    /// <summary>PUTs <c>examples/outcomes/{name}.yaml</c> as the definition <paramref name="name"/>.</summary>
    public static async Task PutDefinitionAsync(HttpClient admin, string name)
    {
        var yaml = await File.ReadAllTextAsync(Path.Combine(Examples(), "outcomes", $"{name}.yaml"));
        await SendAsync(admin, HttpMethod.Put, $"/v1/outcomes/{name}", new StringContent(yaml, Encoding.UTF8, "application/yaml"));
    }

    /// <summary>PUTs <c>examples/contracts/{contract}.yaml</c> as <paramref name="tenant"/>'s contract.</summary>
    public static async Task PutContractAsync(HttpClient admin, string tenant, string contract)
    {
        var yaml = await File.ReadAllTextAsync(Path.Combine(Examples(), "contracts", $"{contract}.yaml"));
        var own = string.Join('\n', yaml.Split('\n').Select(l => l.StartsWith("tenant:", StringComparison.Ordinal) ? $"tenant: {tenant}" : l));
        await SendAsync(admin, HttpMethod.Put, $"/v1/tenants/{tenant}/contract", new StringContent(own, Encoding.UTF8, "application/yaml"));
    }

    public static async Task<string> SendAsync(HttpClient client, HttpMethod method, string path, HttpContent content)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path}: {(int)response.StatusCode} {text}");
        }

        return text;
    }

    /// <summary>One bigint from a query (a count).</summary>
    public static async Task<long> ScalarAsync(NpgsqlDataSource db, string sql, params object[] parameters)
    {
        await using var cmd = db.CreateCommand(sql);
        foreach (var p in parameters)
        {
            cmd.Parameters.AddWithValue(p);
        }

        return Convert.ToInt64(await cmd.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Polls the number of <paramref name="definition"/> outcomes in <paramref name="status"/> until it reaches
    /// <paramref name="expected"/>; returns when it did (a <see cref="System.Diagnostics.Stopwatch"/> timestamp), or throws at the deadline.
    /// </summary>
    public static async Task<long> WaitForStatusAsync(NpgsqlDataSource db, string definition, string status, long expected, TimeSpan timeout, TimeSpan poll, TextWriter log)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        long count;
        var lastReport = started;
        while ((count = await ScalarAsync(db, "SELECT count(*) FROM outcomes WHERE definition = $1 AND status = $2", definition, status)) < expected)
        {
            var now = System.Diagnostics.Stopwatch.GetTimestamp();
            if (System.Diagnostics.Stopwatch.GetElapsedTime(started, now) > timeout)
            {
                throw new TimeoutException($"only {count:N0} of {expected:N0} {definition} outcomes are {status} after {timeout.TotalSeconds:0} s");
            }

            if (System.Diagnostics.Stopwatch.GetElapsedTime(lastReport, now) > TimeSpan.FromSeconds(5))
            {
                log.WriteLine($"  … {count:N0} of {expected:N0} {status}");
                lastReport = now;
            }

            await Task.Delay(poll);
        }

        return System.Diagnostics.Stopwatch.GetTimestamp();
    }

    private static string Examples()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "examples", "outcomes");
            if (Directory.Exists(candidate))
            {
                return Path.Combine(dir.FullName, "examples");
            }
        }

        throw new DirectoryNotFoundException($"no examples/ folder above {AppContext.BaseDirectory}");
    }
}
