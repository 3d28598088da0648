namespace Witn.Client.Health;

/// <summary>A silo's answer to <c>/readyz</c>: <c>ready</c> or <c>not_ready</c>, with each check by name (database, migrations, silo, …).</summary>
public sealed record ReadinessReport(string Status, IReadOnlyDictionary<string, ReadinessCheck> Checks)
{
    public bool IsReady => Status == "ready";
}
