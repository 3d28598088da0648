using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace Witn.Testing.Silo.Providers;

/// <summary>
/// A stand-in for the Stripe API: a real HTTP server in the test process that keeps invoices and invoice items and
/// enforces the Stripe semantics the exporter relies on — secret-key auth; idempotency (the same key with the same
/// parameters answers the stored response, with other parameters 400 idempotency_error); items only on draft
/// invoices of the same customer; <c>amount</c> not combined with <c>quantity</c>; finalizing only a draft; credit notes
/// only on open or paid invoices, within what is due (a paid one must say where the money goes); list
/// calls paged by <c>starting_after</c>. Faults can be queued per request: 429 with Retry-After, 500, a write whose
/// answer is lost, a slow answer.
/// </summary>
public sealed class FakeStripe : IAsyncLifetime
{
    public const string Key = "sk_test_witn_fake_0000000000";

    /// <summary>A customer id this Stripe has never heard of (creating an invoice for it is refused, 400).</summary>
    public const string MissingCustomer = "cus_missing";

    private readonly Lock _gate = new();
    private readonly Dictionary<string, JsonObject> _invoices = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, JsonObject> _creditNotes = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (string Fingerprint, int Status, string Body)> _idempotency = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<(Func<string, string, bool> Matches, StripeFault Fault)> _faults = new();
    private readonly ConcurrentQueue<StripeRequest> _requests = new();
    private int _sequence;
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = null!;

    /// <summary>How long a <see cref="StripeFault.Slow"/> answer takes.</summary>
    public TimeSpan SlowBy { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>Called for every write once it is applied, before it is answered (a test may kill the silo there: the answer is lost).</summary>
    public Action<StripeRequest>? AfterWrite { get; set; }

    public IReadOnlyList<StripeRequest> Requests => [.. _requests];

    /// <summary>The next request whose method and path match gets <paramref name="fault"/> (faults are used in the order queued).</summary>
    public void Inject(StripeFault fault, string method, string pathPrefix) =>
        _faults.Enqueue(((m, p) => m == method && p.StartsWith(pathPrefix, StringComparison.Ordinal), fault));

    public IReadOnlyList<JsonObject> Invoices()
    {
        lock (_gate)
        {
            return [.. _invoices.Values.Select(i => (JsonObject)i.DeepClone())];
        }
    }

    public IReadOnlyList<JsonObject> Items()
    {
        lock (_gate)
        {
            return [.. _items.Values.Select(i => (JsonObject)i.DeepClone())];
        }
    }

    public IReadOnlyList<JsonObject> CreditNotes()
    {
        lock (_gate)
        {
            return [.. _creditNotes.Values.Select(i => (JsonObject)i.DeepClone())];
        }
    }

    /// <summary>Forgets every idempotency key, as Stripe does 24 hours after a key's first use.</summary>
    public void ForgetKeys()
    {
        lock (_gate)
        {
            _idempotency.Clear();
        }
    }

    /// <summary>The customer pays an open invoice.</summary>
    public void MarkPaid(string invoiceId)
    {
        lock (_gate)
        {
            _invoices[invoiceId]["status"] = "paid";
            _invoices[invoiceId]["amount_due"] = 0L;
        }
    }

    /// <summary>Changes an item's amount as someone in the Stripe dashboard would: behind the exporter's back.</summary>
    public void ChangeItemAmount(string itemId, long amount)
    {
        lock (_gate)
        {
            _items[itemId]["amount"] = amount;
        }
    }

    public async ValueTask InitializeAsync()
    {
        (_app, BaseAddress) = await LoopbackServer.StartAsync(app => app.Map("/{**path}", HandleAsync));
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? "/";
        var form = new SortedDictionary<string, string>(StringComparer.Ordinal);
        if (context.Request.HasFormContentType)
        {
            foreach (var (k, v) in await context.Request.ReadFormAsync(context.RequestAborted))
            {
                form[k] = v.ToString();
            }
        }

        var key = context.Request.Headers["Idempotency-Key"].FirstOrDefault();
        if (context.Request.Headers.Authorization.ToString() != $"Bearer {Key}")
        {
            await AnswerAsync(context, method, path, form, key, 401, Error("invalid_request_error", "Invalid API Key provided", null));
            return;
        }

        StripeFault? fault = null;
        if (_faults.TryPeek(out var next) && next.Matches(method, path) && _faults.TryDequeue(out var taken))
        {
            fault = taken.Fault;
        }

        if (fault == StripeFault.TooManyRequests)
        {
            context.Response.Headers.RetryAfter = "1";
            await AnswerAsync(context, method, path, form, key, 429, Error("rate_limit_error", "Request rate limit exceeded", null));
            return;
        }

        if (fault == StripeFault.ServerError)
        {
            await AnswerAsync(context, method, path, form, key, 500, Error("api_error", "Something went wrong on Stripe's end", null));
            return;
        }

        int status;
        string body;
        if (method == "POST")
        {
            (status, body) = Write(method, path, form, key);
            AfterWrite?.Invoke(new StripeRequest(method, path, context.Request.QueryString.Value ?? "", form, key, status));
        }
        else
        {
            (status, body) = Read(path, context.Request.Query);
        }

        if (fault == StripeFault.LoseResponse)
        {
            _requests.Enqueue(new StripeRequest(method, path, context.Request.QueryString.Value ?? "", form, key, -1));
            context.Abort();
            return;
        }

        if (fault == StripeFault.Slow)
        {
            await Task.Delay(SlowBy, CancellationToken.None);
        }

        await AnswerAsync(context, method, path, form, key, status, body);
    }

    private async Task AnswerAsync(HttpContext context, string method, string path, IReadOnlyDictionary<string, string> form, string? key, int status, string body)
    {
        _requests.Enqueue(new StripeRequest(method, path, context.Request.QueryString.Value ?? "", form, key, status));
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        context.Response.Headers["Request-Id"] = $"req_{Interlocked.Increment(ref _sequence)}";
        try
        {
            await context.Response.WriteAsync(body, context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // the client gave up waiting (a slow answer): the write stands, as at Stripe
        }
    }

    private (int Status, string Body) Write(string method, string path, IReadOnlyDictionary<string, string> form, string? key)
    {
        var fingerprint = method + " " + path + "?" + string.Join("&", form.Select(p => p.Key + "=" + p.Value));
        lock (_gate)
        {
            if (key is not null && _idempotency.TryGetValue(key, out var stored))
            {
                return stored.Fingerprint == fingerprint
                    ? (stored.Status, stored.Body)
                    : (400, Error("idempotency_error", $"Keys for idempotent requests can only be used with the same parameters they were first used with. Try using a key other than '{key}' if you meant to execute a different request.", null));
            }

            var answer = path switch
            {
                "/v1/invoices" => CreateInvoice(form),
                "/v1/invoiceitems" => CreateItem(form),
                "/v1/credit_notes" => CreateCreditNote(form),
                _ when path.StartsWith("/v1/invoices/", StringComparison.Ordinal) && path.EndsWith("/finalize", StringComparison.Ordinal) =>
                    Finalize(path["/v1/invoices/".Length..^"/finalize".Length], form),
                _ => (404, Error("invalid_request_error", $"Unrecognized request URL (POST: {path})", null)),
            };
            // Stripe keeps the result of a request that ran (2xx and 4xx alike); a 500 may be retried with the key.
            if (key is not null && answer.Item1 < 500)
            {
                _idempotency[key] = (fingerprint, answer.Item1, answer.Item2);
            }

            return answer;
        }
    }

    private (int, string) CreateInvoice(IReadOnlyDictionary<string, string> form)
    {
        if (!form.TryGetValue("customer", out var customer) || !customer.StartsWith("cus_", StringComparison.Ordinal))
        {
            return (400, Error("invalid_request_error", "Missing required param: customer.", "customer"));
        }

        if (customer == MissingCustomer)
        {
            return (400, Error("invalid_request_error", $"No such customer: '{customer}'", "customer"));
        }

        var collection = form.GetValueOrDefault("collection_method", "charge_automatically");
        if (collection == "send_invoice" && !form.ContainsKey("days_until_due") && !form.ContainsKey("due_date"))
        {
            return (400, Error("invalid_request_error", "Missing required param: days_until_due or due_date when collection_method is send_invoice.", "days_until_due"));
        }

        if (collection == "charge_automatically" && form.ContainsKey("days_until_due"))
        {
            return (400, Error("invalid_request_error", "You may only specify days_until_due when collection_method is send_invoice.", "days_until_due"));
        }

        var id = $"in_{Interlocked.Increment(ref _sequence):D8}";
        var invoice = new JsonObject
        {
            ["id"] = id,
            ["object"] = "invoice",
            ["customer"] = customer,
            ["currency"] = form.GetValueOrDefault("currency", "usd"),
            ["status"] = "draft",
            ["collection_method"] = collection,
            ["auto_advance"] = form.GetValueOrDefault("auto_advance") == "true",
            ["description"] = form.GetValueOrDefault("description"),
            ["total"] = 0L,
            ["amount_due"] = 0L,
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["metadata"] = Metadata(form),
        };
        if (form.TryGetValue("days_until_due", out var days))
        {
            invoice["days_until_due"] = int.Parse(days, CultureInfo.InvariantCulture);
        }

        _invoices[id] = invoice;
        return (200, invoice.ToJsonString());
    }

    private (int, string) CreateItem(IReadOnlyDictionary<string, string> form)
    {
        if (!form.TryGetValue("customer", out var customer))
        {
            return (400, Error("invalid_request_error", "Missing required param: customer.", "customer"));
        }

        if (form.ContainsKey("amount") && (form.ContainsKey("quantity") || form.ContainsKey("unit_amount_decimal")))
        {
            return (400, Error("invalid_request_error", "You may only specify one of these parameters: amount, quantity.", "amount"));
        }

        if (!form.TryGetValue("amount", out var amountText) || !long.TryParse(amountText, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var amount))
        {
            return (400, Error("invalid_request_error", "Missing required param: amount.", "amount"));
        }

        if (!form.TryGetValue("currency", out var currency))
        {
            return (400, Error("invalid_request_error", "Missing required param: currency.", "currency"));
        }

        string? invoiceId = null;
        if (form.TryGetValue("invoice", out var given))
        {
            if (!_invoices.TryGetValue(given, out var invoice))
            {
                return (400, Error("invalid_request_error", $"No such invoice: '{given}'", "invoice"));
            }

            if ((string?)invoice["status"] != "draft")
            {
                return (400, Error("invalid_request_error", "You can only add invoice items to draft invoices.", "invoice"));
            }

            if ((string?)invoice["customer"] != customer)
            {
                return (400, Error("invalid_request_error", "The invoice belongs to another customer.", "invoice"));
            }

            invoiceId = given;
            invoice["total"] = (long)invoice["total"]! + amount;
            invoice["amount_due"] = (long)invoice["amount_due"]! + amount;
        }

        var id = $"ii_{Interlocked.Increment(ref _sequence):D8}";
        var item = new JsonObject
        {
            ["id"] = id,
            ["object"] = "invoiceitem",
            ["customer"] = customer,
            ["amount"] = amount,
            ["currency"] = currency,
            ["description"] = form.GetValueOrDefault("description"),
            ["invoice"] = invoiceId,
            ["date"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["metadata"] = Metadata(form),
        };
        _items[id] = item;
        return (200, item.ToJsonString());
    }

    private (int, string) CreateCreditNote(IReadOnlyDictionary<string, string> form)
    {
        if (!form.TryGetValue("invoice", out var id) || !_invoices.TryGetValue(id, out var invoice))
        {
            return (400, Error("invalid_request_error", $"No such invoice: '{form.GetValueOrDefault("invoice")}'", "invoice"));
        }

        var status = (string?)invoice["status"];
        if (status is not ("open" or "paid"))
        {
            return (400, Error("invalid_request_error", $"You can only create a credit note for an open or paid invoice; this one is {status}.", "invoice"));
        }

        if (form.TryGetValue("reason", out var reason) && reason is not ("duplicate" or "fraudulent" or "order_change" or "product_unsatisfactory"))
        {
            return (400, Error("invalid_request_error", $"Invalid reason: must be one of duplicate, fraudulent, order_change, or product_unsatisfactory", "reason"));
        }

        var amount = form.TryGetValue("amount", out var a) ? long.Parse(a, CultureInfo.InvariantCulture) : 0L;
        if (status == "paid" && !form.ContainsKey("credit_amount") && !form.ContainsKey("refund_amount") && !form.ContainsKey("out_of_band_amount"))
        {
            return (400, Error("invalid_request_error", "A credit note for a paid invoice must say where the amount goes: credit_amount, refund_amount or out_of_band_amount.", "amount"));
        }

        if (status == "open" && amount > (long)invoice["amount_due"]!)
        {
            return (400, Error("invalid_request_error", "The credit note amount is more than the amount remaining on the invoice.", "amount"));
        }

        if (status == "open")
        {
            // As at Stripe: a note that leaves nothing due settles the invoice.
            invoice["amount_due"] = (long)invoice["amount_due"]! - amount;
            if ((long)invoice["amount_due"]! == 0)
            {
                invoice["status"] = "paid";
            }
        }

        var noteId = $"cn_{Interlocked.Increment(ref _sequence):D8}";
        var note = new JsonObject
        {
            ["id"] = noteId,
            ["object"] = "credit_note",
            ["invoice"] = id,
            ["amount"] = amount,
            ["currency"] = invoice["currency"]?.GetValue<string>(),
            ["reason"] = reason,
            ["memo"] = form.GetValueOrDefault("memo"),
            ["status"] = "issued",
            ["metadata"] = Metadata(form),
        };
        _creditNotes[noteId] = note;
        return (200, note.ToJsonString());
    }

    private (int, string) Finalize(string id, IReadOnlyDictionary<string, string> form)
    {
        if (!_invoices.TryGetValue(id, out var invoice))
        {
            return (404, Error("invalid_request_error", $"No such invoice: '{id}'", "id"));
        }

        if ((string?)invoice["status"] != "draft")
        {
            return (400, Error("invalid_request_error", "This invoice is already finalized, you can't re-finalize a non-draft invoice.", null));
        }

        invoice["status"] = "open";
        invoice["auto_advance"] = form.GetValueOrDefault("auto_advance", "true") == "true";
        return (200, invoice.ToJsonString());
    }

    private (int, string) Read(string path, IQueryCollection query)
    {
        lock (_gate)
        {
            if (path.StartsWith("/v1/invoices/", StringComparison.Ordinal))
            {
                var id = path["/v1/invoices/".Length..];
                return _invoices.TryGetValue(id, out var invoice) ? (200, invoice.ToJsonString()) : (404, Error("invalid_request_error", $"No such invoice: '{id}'", "id"));
            }

            IEnumerable<JsonObject> rows = path switch
            {
                "/v1/invoices" => _invoices.Values.Where(i => !query.ContainsKey("customer") || (string?)i["customer"] == query["customer"]),
                "/v1/invoiceitems" => _items.Values.Where(i => !query.ContainsKey("invoice") || (string?)i["invoice"] == query["invoice"]),
                "/v1/credit_notes" => _creditNotes.Values.Where(i => !query.ContainsKey("invoice") || (string?)i["invoice"] == query["invoice"]),
                _ => [],
            };
            if (path is not ("/v1/invoices" or "/v1/invoiceitems" or "/v1/credit_notes"))
            {
                return (404, Error("invalid_request_error", $"Unrecognized request URL (GET: {path})", null));
            }

            // Newest first, as Stripe lists; starting_after continues after that object.
            var ordered = rows.OrderByDescending(r => (string)r["id"]!, StringComparer.Ordinal).ToList();
            if (query.TryGetValue("starting_after", out var after))
            {
                ordered = [.. ordered.SkipWhile(r => (string)r["id"]! != after.ToString()).Skip(1)];
            }

            var limit = query.TryGetValue("limit", out var l) ? int.Parse(l.ToString(), CultureInfo.InvariantCulture) : 10;
            var page = ordered.Take(limit).Select(r => r.DeepClone()).ToArray();
            var list = new JsonObject { ["object"] = "list", ["url"] = path, ["has_more"] = ordered.Count > limit, ["data"] = new JsonArray(page) };
            return (200, list.ToJsonString());
        }
    }

    private static JsonObject Metadata(IReadOnlyDictionary<string, string> form)
    {
        var metadata = new JsonObject();
        foreach (var (k, v) in form.Where(p => p.Key.StartsWith("metadata[", StringComparison.Ordinal)))
        {
            metadata[k["metadata[".Length..^1]] = v;
        }

        return metadata;
    }

    private static string Error(string type, string message, string? param) =>
        JsonSerializer.Serialize(new { error = new { type, message, param } });
}
