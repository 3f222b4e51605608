using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Api;
using OktaEventHooks.Sandbox.Hooks;
using OktaEventHooks.Sandbox.Infrastructure;
using OktaEventHooks.Sandbox.SystemLog;
using OktaEventHooks.Sandbox.Verification;

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
/// Okta's event delivery: the LogEvent wrapped in the <c>com.okta.event_hook</c> envelope, POSTed to every
/// ACTIVE + VERIFIED hook subscribed to its type whose filter lets it through. 3-second timeout per attempt;
/// a timeout, connection failure or 5xx is retried once, a 4xx (or any other answer) is not.
/// Same hard rule as <see cref="HookVerifier"/>: a non-loopback URI is never tried, and the client refuses
/// non-loopback sockets anyway.
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

    /// <summary>Delivers to all hooks at once (Okta does not queue one hook behind another) and returns when all are done.</summary>
    public async Task<EventDeliveryResult> DeliverAsync(SyntheticEvent synthetic, CancellationToken cancellationToken)
    {
        var logEvent = LogEventBuilder.Build(synthetic, OktaTime.NowMilliseconds());
        var eventId = (string)logEvent["uuid"]!;
        var hooks = store.List().Where(h =>
            h.Status == HookStatus.Active
            && h.VerificationStatus == HookVerificationStatus.Verified
            && h.Definition.EventTypes.Contains(synthetic.EventType, StringComparer.Ordinal));

        var records = await Task.WhenAll(hooks.Select(h => DeliverToHookAsync(h, synthetic.EventType, logEvent, cancellationToken)));
        var now = DateTimeOffset.UtcNow;
        log.Add(records.Select(r => new DeliveryLogEntry(now, eventId, synthetic.EventType, r)));
        systemLog.DeliveriesFailed(records, eventId);
        return new EventDeliveryResult(eventId, logEvent, records);
    }

    public void Dispose() => _client.Dispose();

    private async Task<DeliveryRecord> DeliverToHookAsync(StoredEventHook hook, string eventType, JsonObject logEvent, CancellationToken cancellationToken)
    {
        var channel = hook.Definition.Channel;
        var record = new DeliveryRecord(hook.Id, hook.Definition.Name, channel.Uri, 0, 0, false, null, null, null, null);

        // Filters see the event, not the envelope: expressions start at "event.".
        var filter = hook.Definition.Filter?.FirstOrDefault(f => string.Equals(f.Event, eventType, StringComparison.Ordinal));
        var verdict = filter is null ? (FilterVerdict?)null : HookFilterExpression.Evaluate(filter.Expression, logEvent);
        record = record with { Filter = DeliveryFilter.From(verdict) };
        if (verdict == FilterVerdict.NotMatched)
        {
            return record with { Skipped = DeliverySkip.FilteredOut };
        }

        if (!Uri.TryCreate(channel.Uri, UriKind.Absolute, out var uri) || !LoopbackAddress.IsLoopbackHost(uri))
        {
            return record with { Skipped = DeliverySkip.NotLoopback };
        }

        var envelopeEventId = Guid.NewGuid().ToString();
        var body = Encoding.UTF8.GetBytes(OktaJsonResult.Serialize(Envelope(hook.Id, envelopeEventId, logEvent)));
        record = record with { EnvelopeEventId = envelopeEventId };
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            var (status, error, retry) = await AttemptAsync(uri, channel, body, cancellationToken);
            record = record with { Status = status, Attempts = attempt, Delivered = error is null, Error = error };
            if (!retry)
            {
                break;
            }
        }

        return record;
    }

    private JsonObject Envelope(string hookId, string envelopeEventId, JsonObject logEvent) => new()
    {
        ["eventType"] = EnvelopeEventType,
        ["eventTypeVersion"] = "1.0",
        ["cloudEventsVersion"] = "0.1",
        ["source"] = $"{state.BaseAddress}{EventHookEndpoints.BasePath}/{hookId}",
        ["eventId"] = envelopeEventId,
        ["eventTime"] = OktaTime.Format(DateTimeOffset.UtcNow),
        ["contentType"] = "application/json",
        ["data"] = new JsonObject { ["events"] = new JsonArray(logEvent.DeepClone()) },
    };

    private async Task<(int Status, string? Error, bool Retry)> AttemptAsync(Uri uri, HookChannel channel, byte[] body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, uri);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
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
