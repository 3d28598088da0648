using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using Witn.Benchmarks.Ingest;

namespace Witn.Benchmarks.Outcomes;

/// <summary>
/// Closed-loop HTTP clients over pre-built ticket bodies (as the <c>ingest</c> benchmark's clients): each sends a
/// body, waits for the 202 and checks that every event is <c>accepted</c>, then takes the next body; every ack is
/// reported with its time, so the caller can time what happens after it.
/// </summary>
public static class TicketLoad
{
    public static async Task<TicketLoadRun> RunAsync(HttpClient http, TicketBody[] bodies, int clients, Action<TicketBody, long>? onAck = null)
    {
        var started = Stopwatch.GetTimestamp();
        var next = -1;
        long accepted = 0;
        long failed = 0;
        long lastAck = started;
        string? firstFailure = null;
        var latencies = new List<double>[clients];
        await Task.WhenAll(Enumerable.Range(0, clients).Select(w => Task.Run(async () =>
        {
            latencies[w] = [];
            int i;
            while ((i = Interlocked.Increment(ref next)) < bodies.Length)
            {
                var body = bodies[i];
                var begin = Stopwatch.GetTimestamp();
                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/events") { Content = new ByteArrayContent(body.Body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                try
                {
                    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
                    var answer = await response.Content.ReadAsByteArrayAsync();
                    var end = Stopwatch.GetTimestamp();
                    if (response.StatusCode == HttpStatusCode.Accepted && IngestBodies.CountAccepted(answer) == body.Events)
                    {
                        Interlocked.Add(ref accepted, body.Events);
                        latencies[w].Add(Stopwatch.GetElapsedTime(begin, end).TotalMilliseconds);
                        onAck?.Invoke(body, end);
                        InterlockedMax(ref lastAck, end);
                    }
                    else
                    {
                        Interlocked.Increment(ref failed);
                        Interlocked.CompareExchange(ref firstFailure, $"{(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(answer)[..Math.Min(answer.Length, 400)]}", null);
                    }
                }
                catch (HttpRequestException e)
                {
                    Interlocked.Increment(ref failed);
                    Interlocked.CompareExchange(ref firstFailure, e.Message, null);
                }
            }
        })));

        return new TicketLoadRun(accepted, failed, firstFailure, started, lastAck, [.. latencies.SelectMany(l => l)]);
    }

    private static void InterlockedMax(ref long target, long value)
    {
        long seen;
        while ((seen = Interlocked.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
