namespace Witn.Silo.Health;

/// <summary>Knows whether this silo has joined the cluster and not begun leaving it: the third readiness check.</summary>
public sealed class SiloActivity : ILifecycleParticipant<ISiloLifecycle>
{
    private volatile bool _active;

    public bool IsActive => _active;

    public void Participate(ISiloLifecycle lifecycle) =>
        lifecycle.Subscribe(nameof(SiloActivity), ServiceLifecycleStage.Active,
            _ => { _active = true; return Task.CompletedTask; },
            _ => { _active = false; return Task.CompletedTask; });
}
