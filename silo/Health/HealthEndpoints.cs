using Microsoft.AspNetCore.Http.HttpResults;
using Npgsql;
using Witn.Storage.Migrations;

namespace Witn.Silo.Health;

/// <summary>
/// <c>/healthz</c>: the process answers (liveness). <c>/readyz</c>: the database answers, its schema is
/// current and the silo is active in the cluster (readiness); 503 names the failing check.
/// </summary>
public static class HealthEndpoints
{
    public static void MapHealth(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", () => TypedResults.Ok(new { status = "alive" })).AllowAnonymous().ExcludeFromDescription();
        app.MapGet("/readyz", ReadyAsync).AllowAnonymous().ExcludeFromDescription();
    }

    private static async Task<JsonHttpResult<ReadinessReport>> ReadyAsync(NpgsqlDataSource db, SiloActivity silo, CancellationToken cancellationToken)
    {
        var checks = new Dictionary<string, ReadinessCheck>();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(3));
            await using var conn = await db.OpenConnectionAsync(timeout.Token);
            checks["database"] = new ReadinessCheck("ok", "PostgreSQL answers");
            var pending = await MigrationRunner.PendingAsync(conn, timeout.Token);
            checks["migrations"] = pending.Count == 0
                ? new ReadinessCheck("ok", $"schema at version {MigrationRunner.All[^1].Version}")
                : new ReadinessCheck("failing", $"{pending.Count} migration(s) not applied: {string.Join(", ", pending.Select(m => m.Name))}");
        }
        catch (Exception e) when (e is NpgsqlException or OperationCanceledException or TimeoutException)
        {
            checks["database"] = new ReadinessCheck("failing", $"PostgreSQL unreachable: {e.Message}");
            checks["migrations"] = new ReadinessCheck("failing", "unknown while the database is unreachable");
        }

        checks["silo"] = silo.IsActive
            ? new ReadinessCheck("ok", "active in the cluster")
            : new ReadinessCheck("failing", "not active in the cluster (starting or stopping)");

        var ready = checks.Values.All(c => c.Status == "ok");
        return TypedResults.Json(new ReadinessReport(ready ? "ready" : "not_ready", checks), statusCode: ready ? 200 : 503);
    }
}
