using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Witn.Api.Tests;

/// <summary>
/// A real HTTP server on a loopback port that records every POST and answers 200, or the statuses queued for its
/// path with <see cref="AnswerNext"/>. Each test uses paths of its own.
/// </summary>
public sealed class WebhookReceiver : IAsyncLifetime
{
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly ConcurrentDictionary<string, ConcurrentQueue<int>> _answers = new(StringComparer.Ordinal);
    private WebApplication? _app;
    private Uri? _base;

    public string Url(string path) => new Uri(_base!, path).ToString();

    /// <summary>The next requests to <paramref name="path"/> get these statuses, in order; later ones get 200.</summary>
    public void AnswerNext(string path, params int[] statuses)
    {
        var queue = _answers.GetOrAdd(path, _ => new ConcurrentQueue<int>());
        foreach (var status in statuses)
        {
            queue.Enqueue(status);
        }
    }

    public IReadOnlyList<ReceivedWebhook> At(string path) => [.. _received.Where(r => r.Path == path)];

    public async ValueTask InitializeAsync()
    {
        (_app, _base) = await LoopbackServer.StartAsync(app => app.MapPost("/{**path}", async (HttpContext context) =>
        {
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            var path = context.Request.Path.Value ?? "/";
            var headers = context.Request.Headers;
            _received.Enqueue(new ReceivedWebhook(path, headers["Witn-Webhook-Id"], headers["Witn-Webhook-Timestamp"], headers["Witn-Webhook-Signature"],
                context.Request.ContentType, body.ToArray()));
            context.Response.StatusCode = _answers.TryGetValue(path, out var queue) && queue.TryDequeue(out var status) ? status : 200;
        }));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }
}
