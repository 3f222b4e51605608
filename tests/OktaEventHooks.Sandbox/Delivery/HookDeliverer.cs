using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Api;
using OktaEventHooks.Sandbox.Hooks;
using OktaEventHooks.Sandbox.Infrastructure;
using OktaEventHooks.Sandbox.SystemLog;

namespace OktaEventHooks.Sandbox.Delivery;

/// <summary>One synthetic event and what became of it at each hook that subscribes to its type.</summary>
internal sealed record EventDeliveryResult(string EventId, JsonObject LogEvent, IReadOnlyList<DeliveryRecord> Deliveries)
{
    public JsonObject ToJson() => new()
    {
        ["eventId"] = EventId,
        ["deliveries"] = new JsonArray(Deliveries.Select(d => (JsonNode)d.ToJson()).ToArray()),
        ["event"] = LogEvent.DeepClone(),
    };
}

/// <summary>
/// Okta's event delivery of a batch of LogEvents: to every ACTIVE + VERIFIED hook, one POST with the
/// <c>com.okta.event_hook</c> envelope whose <c>data.events</c> holds, in order, the events of the batch the hook
/// subscribes to and its filter lets through. 3-second timeout per attempt; a timeout, connection failure or 5xx
/// is retried once, a 4xx (or any other answer) is not. Batches are formed by <see cref="DeliveryBatcher"/>.
/// Same hard rule as the verifier: a non-loopback URI is never tried, and the client refuses non-loopback sockets anyway.
/// </summary>
internal sealed class HookDeliverer(EventHookStore store, SandboxState state, DeliveryLog log, SystemLogWriter systemLog) : IDisposable
{
    public const int MaxAttempts = OktaEndpointContract.MaxAttempts;
    public const string EnvelopeEventType = "com.okta.event_hook";

    public static readonly TimeSpan AttemptTimeout = OktaEndpointContract.AttemptTimeout;

    public static readonly string TimedOut = $"no answer within {AttemptTimeout.TotalSeconds:0} seconds";
    public const string ConnectionFailed = "could not connect, or the connection broke";

    private readonly HttpClient _client = LoopbackHttpClient.Create(AttemptTimeout);

    public static string AnsweredStatus(int status) => $"answered HTTP {status}";

    /// <summary>
    /// Delivers the batch to all hooks at once (Okta does not queue one hook behind another) and returns, when all
    /// are done, one result per LogEvent in the order given.
    /// </summary>
    public async Task<IReadOnlyList<EventDeliveryResult>> DeliverAsync(IReadOnlyList<JsonObject> logEvents, CancellationToken cancellationToken)
    {
        var hooks = store.List()
            .Where(h => h.Status == HookStatus.Active && h.VerificationStatus == HookVerificationStatus.Verified)
            .ToList();
        var perHook = await Task.WhenAll(hooks.Select(h => DeliverToHookAsync(h, logEvents, cancellationToken)));

        var now = DateTimeOffset.UtcNow;
        var results = new List<EventDeliveryResult>();
        for (var i = 0; i < logEvents.Count; i++)
        {
            var records = perHook.Select(r => r[i]).OfType<DeliveryRecord>().ToList();
            var eventId = EventIdOf(logEvents[i]);
            log.Add(records.Select(r => new DeliveryLogEntry(now, eventId, EventTypeOf(logEvents[i]), r)));
            results.Add(new EventDeliveryResult(eventId, logEvents[i], records));
        }

        systemLog.DeliveriesFailed(results.SelectMany(r => r.Deliveries.Select(d => (d, r.EventId))));
        return results;
    }

    /// <summary>
    /// Writes each event to the System Log before any delivery, naming the hooks it is routed to: the ACTIVE and
    /// VERIFIED hooks that subscribe to its type and whose filter does not turn it away.
    /// </summary>
    public void WriteToSystemLog(IReadOnlyList<JsonObject> logEvents)
    {
        var hooks = store.List()
            .Where(h => h.Status == HookStatus.Active && h.VerificationStatus == HookVerificationStatus.Verified)
            .ToList();
        foreach (var logEvent in logEvents)
        {
            var eventType = EventTypeOf(logEvent);
            var routedTo = hooks
                .Where(h => h.Definition.EventTypes.Contains(eventType, StringComparer.Ordinal) && FilterVerdictFor(h, logEvent) != FilterVerdict.NotMatched)
                .Select(h => new LoggedHook(h.Id, h.Definition.Name, h.Definition.Channel.Uri))
                .ToList();
            systemLog.EventOccurred(logEvent, routedTo);
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>How the hook's filter for the event's type judges it; null when the hook has no filter for that type.</summary>
    private static FilterVerdict? FilterVerdictFor(StoredEventHook hook, JsonObject logEvent)
    {
        // Filters see the event, not the envelope: expressions start at "event.".
        var eventType = EventTypeOf(logEvent);
        var filter = hook.Definition.Filter?.FirstOrDefault(f => string.Equals(f.Event, eventType, StringComparison.Ordinal));
        return filter is null ? null : HookFilterExpression.Evaluate(filter.Expression, logEvent);
    }

    private static string EventIdOf(JsonObject logEvent) => (string)logEvent["uuid"]!;

    private static string EventTypeOf(JsonObject logEvent) => (string)logEvent["eventType"]!;

    /// <summary>One entry per LogEvent: null where the hook does not subscribe to the event's type.</summary>
    private async Task<DeliveryRecord?[]> DeliverToHookAsync(StoredEventHook hook, IReadOnlyList<JsonObject> logEvents, CancellationToken cancellationToken)
    {
        var channel = hook.Definition.Channel;
        var blank = new DeliveryRecord(hook.Id, hook.Definition.Name, channel.Uri, 0, 0, false, null, null, null, null);
        var records = new DeliveryRecord?[logEvents.Count];
        var toSend = new List<int>();
        for (var i = 0; i < logEvents.Count; i++)
        {
            var eventType = EventTypeOf(logEvents[i]);
            if (!hook.Definition.EventTypes.Contains(eventType, StringComparer.Ordinal))
            {
                continue;
            }

            var verdict = FilterVerdictFor(hook, logEvents[i]);
            records[i] = blank with { Filter = DeliveryFilter.From(verdict) };
            if (verdict == FilterVerdict.NotMatched)
            {
                records[i] = records[i]! with { Skipped = DeliverySkip.FilteredOut };
            }
            else
            {
                toSend.Add(i);
            }
        }

        if (toSend.Count == 0)
        {
            return records;
        }

        if (!Uri.TryCreate(channel.Uri, UriKind.Absolute, out var uri) || !LoopbackAddress.IsLoopbackHost(uri))
        {
            foreach (var i in toSend)
            {
                records[i] = records[i]! with { Skipped = DeliverySkip.NotLoopback };
            }

            return records;
        }

        var envelopeEventId = Guid.NewGuid().ToString();
        var envelope = Envelope(hook.Id, envelopeEventId, toSend.Select(i => logEvents[i]));
        var body = Encoding.UTF8.GetBytes(OktaJsonResult.Serialize(envelope));
        var outcome = blank with { EnvelopeEventId = envelopeEventId };
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var (status, error, retry) = await AttemptAsync(uri, channel, body, cancellationToken);
            outcome = outcome with { Status = status, Attempts = attempt, Delivered = error is null, Error = error };
            if (!retry)
            {
                break;
            }
        }

        foreach (var i in toSend)
        {
            records[i] = outcome with { Filter = records[i]!.Filter };
        }

        return records;
    }

    private JsonObject Envelope(string hookId, string envelopeEventId, IEnumerable<JsonObject> logEvents) => new()
    {
        ["eventType"] = EnvelopeEventType,
        ["eventTypeVersion"] = "1.0",
        ["cloudEventsVersion"] = "0.1",
        ["source"] = $"{state.BaseAddress}{EventHookEndpoints.BasePath}/{hookId}",
        ["eventId"] = envelopeEventId,
        ["eventTime"] = OktaTime.Format(DateTimeOffset.UtcNow),
        ["contentType"] = "application/json",
        ["data"] = new JsonObject { ["events"] = new JsonArray(logEvents.Select(e => (JsonNode)e.DeepClone()).ToArray()) },
    };

    private async Task<(int Status, string? Error, bool Retry)> AttemptAsync(Uri uri, HookChannel channel, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        // The verification GET's headers, User-Agent and request id included (OktaAssumptions A12).
        OktaEndpointContract.AddOktaHeaders(request);
        foreach (var header in channel.Headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (channel.AuthScheme is { } auth)
        {
            request.Headers.TryAddWithoutValidation(auth.Key, auth.Value);
        }

        // Exactly "application/json", no charset parameter: what Okta's documentation shows.
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(AttemptTimeout);
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            var status = (int)response.StatusCode;
            return status is >= 200 and <= 299
                ? (status, null, false)
                : (status, AnsweredStatus(status), status >= 500);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (0, TimedOut, true);
        }
        catch (HttpRequestException)
        {
            return (0, ConnectionFailed, true);
        }
        catch (IOException)
        {
            return (0, ConnectionFailed, true);
        }
    }
}
