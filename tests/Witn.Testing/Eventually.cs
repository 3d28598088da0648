namespace Witn.Testing;

/// <summary>Polls a condition until it holds or a deadline passes: tests wait for the system, never for a fixed time.</summary>
public static class Eventually
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);

    public static async Task<T> ReturnsAsync<T>(Func<Task<T?>> probe, TimeSpan deadline, string what)
    {
        using var cts = new CancellationTokenSource(deadline);
        Exception? last = null;
        while (!cts.IsCancellationRequested)
        {
            try
            {
                if (await probe() is { } value)
                {
                    return value;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException)
            {
                last = e;
            }

            try
            {
                await Task.Delay(PollInterval, cts.Token);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        throw new TimeoutException($"{what} did not happen within {deadline.TotalSeconds:0} s" + (last is null ? "" : $" (last error: {last.Message})"), last);
    }

    public static Task HoldsAsync(Func<Task<bool>> probe, TimeSpan deadline, string what) =>
        ReturnsAsync<object>(async () => await probe() ? new object() : null, deadline, what);
}
