using System.Globalization;
using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Delivery;
using OktaEventHooks.Sandbox.Infrastructure;
using OktaEventHooks.Sandbox.OAuth;

namespace OktaEventHooks.Sandbox.SystemLog;

/// <summary>The hook a record is about: its id, name and endpoint as they were when the record was written.</summary>
internal sealed record LoggedHook(string Id, string Name, string? Uri);

/// <summary>
/// Writes the System Log records Okta writes about event hooks, each with one call from where the sandbox does
/// the thing: lifecycle changes (with the admin or OAuth client who made them), every verification attempt, each
/// delivery that failed after its retry, and the daily delivery-quota warnings. Okta has published no example of
/// most of these records; the shapes chosen here are OktaAssumptions A15 to A18.
/// Never writes a credential: not the API token, not the hook's auth header value.
/// </summary>
internal sealed class SystemLogWriter(SystemLogStore store, IHttpContextAccessor http)
{
    /// <summary>Okta's own actor for what it does by itself (deliveries, quota warnings).</summary>
    public static JsonObject SystemActor() => new()
    {
        ["id"] = "0oaSandbox0System000",
        ["type"] = "SystemPrincipal",
        ["alternateId"] = "system@okta.com",
        ["displayName"] = "Okta System",
        ["detailEntry"] = null,
    };

    /// <summary>
    /// Any other event, as it happens: into the System Log first, naming in <c>debugContext.debugData</c> the hooks it is
    /// routed to (routing, not success, as Okta does; OktaAssumptions A21), and only then to the hooks.
    /// </summary>
    public void EventOccurred(JsonObject logEvent, IReadOnlyList<LoggedHook> routedTo)
    {
        if (routedTo.Count > 0 && logEvent["debugContext"]?["debugData"] is JsonObject data)
        {
            data["webhooks"] = WebhookList(routedTo);
        }

        store.Add(logEvent);
    }

    /// <summary>event_hook.created, .updated, .activated, .deactivated or .deleted, by whoever made the current request.</summary>
    public void HookChanged(string eventType, string hookId, string hookName)
    {
        var hook = new LoggedHook(hookId, hookName, null);
        var message = eventType switch
        {
            SystemLogEventTypes.Created => "Event hook created",
            SystemLogEventTypes.Updated => "Event hook updated",
            SystemLogEventTypes.Activated => "Event hook activated",
            SystemLogEventTypes.Deactivated => "Event hook deactivated",
            SystemLogEventTypes.Deleted => "Event hook deleted",
            _ => eventType,
        };
        store.Add(BuildForRequest(eventType, message, "SUCCESS", null, "INFO", CallerActor(), [HookTarget(hook, "EventHook")], null));
    }

    /// <summary>event_hook.verified for one verification attempt: SUCCESS, or FAILURE with the reason in <c>outcome.reason</c>.</summary>
    public void HookVerified(string hookId, string hookName, string uri, string? failureReason)
    {
        var hook = new LoggedHook(hookId, hookName, uri);
        var debugData = new JsonObject { ["webhooks"] = WebhookList(hook) };
        store.Add(BuildForRequest(
            SystemLogEventTypes.Verified,
            failureReason is null ? "Event hook verified" : "Event hook verification failed",
            failureReason is null ? "SUCCESS" : "FAILURE",
            failureReason,
            failureReason is null ? "INFO" : "WARN",
            CallerActor(),
            [HookTarget(hook, "ResourceDetails")],
            debugData));
    }

    /// <summary>
    /// event_hook.delivery for each delivery (one POST of a batch of events to one hook) that failed after Okta's retry,
    /// or could not be tried (an endpoint that is not loopback fails as unreachable), naming the events it carried.
    /// Events a filter skipped were not part of a delivery.
    /// </summary>
    public void DeliveriesFailed(IEnumerable<(DeliveryRecord Delivery, string EventId)> deliveries)
    {
        var failed = deliveries
            .Where(d => !d.Delivery.Delivered && d.Delivery.Skipped != DeliverySkip.FilteredOut)
            .GroupBy(d => (d.Delivery.HookId, d.Delivery.EnvelopeEventId));
        foreach (var group in failed)
        {
            var delivery = group.First().Delivery;
            // Not tried (not loopback): Okta would have tried twice and failed to connect.
            var attempts = delivery.Attempts > 0 ? delivery.Attempts : OktaEndpointContract.MaxAttempts;
            var error = delivery.Error ?? HookDeliverer.ConnectionFailed;
            var what = error.StartsWith("answered", StringComparison.Ordinal) ? "the endpoint " + error : error;
            var reason = OktaAssumptions.DeliveryFailedReason(what, attempts);
            store.Add(DeliveryFailureRecord(new LoggedHook(delivery.HookId, delivery.HookName, delivery.Uri), reason, attempts, group.Select(d => d.EventId), null));
        }
    }

    /// <summary>The delivery-failure record; also the template of synthetic delivery records.</summary>
    public static JsonObject DeliveryFailureRecord(LoggedHook hook, string reason, int attempts, IEnumerable<string> eventIds, DateTimeOffset? published)
    {
        var debugData = new JsonObject
        {
            ["webhooks"] = WebhookList(hook),
            ["deliveryAttempts"] = attempts.ToString(CultureInfo.InvariantCulture),
            ["eventIds"] = string.Join(",", eventIds),
        };
        return Build(SystemLogEventTypes.Delivery, "Event hook delivery failed", "FAILURE", Truncate(reason), "WARN", SystemActor(), [], debugData, published);
    }

    /// <summary>A record about one hook in the shape of an event-hook record of <paramref name="eventType"/>, for synthetic ranges.</summary>
    public static JsonObject HookRecord(string eventType, LoggedHook hook, string outcome, string? reason, DateTimeOffset published)
    {
        if (eventType == SystemLogEventTypes.Delivery)
        {
            var record = DeliveryFailureRecord(hook, reason ?? "Endpoint answered HTTP 500", 2, [], published);
            record["outcome"]!["result"] = outcome;
            return record;
        }

        var debugData = new JsonObject { ["webhooks"] = WebhookList(hook) };
        return Build(eventType, eventType, outcome, reason, "INFO", SystemActor(), [HookTarget(hook, "EventHook")], debugData, published);
    }

    /// <summary>system.operation.rate_limit.warning (or .violation) for the org's daily event-hook delivery quota.</summary>
    public void DeliveryQuotaReached(bool violation, int delivered, DateTimeOffset? published)
    {
        var debugData = new JsonObject
        {
            ["operationRateLimitType"] = SystemLogEventTypes.DeliveryQuotaType,
            ["operationRateLimitScopeType"] = "Org",
            ["operationRateLimitThreshold"] = (violation ? SystemLogEventTypes.DailyDeliveryQuota : SystemLogEventTypes.DailyDeliveryQuotaWarning).ToString(CultureInfo.InvariantCulture),
            ["operationRateLimitCount"] = delivered.ToString(CultureInfo.InvariantCulture),
            ["operationRateLimitWindow"] = "24 hours",
        };
        store.Add(Build(
            violation ? SystemLogEventTypes.RateLimitViolation : SystemLogEventTypes.RateLimitWarning,
            violation ? "Operation rate limit violation" : "Operation rate limit warning",
            violation ? "FAILURE" : "SUCCESS",
            violation ? "Event hook delivery quota exceeded; further events are not delivered until the window resets" : null,
            violation ? "ERROR" : "WARN",
            SystemActor(),
            [],
            debugData,
            published));
    }

    private static JsonObject Build(
        string eventType, string message, string outcome, string? reason, string severity, JsonObject? actor,
        IReadOnlyList<JsonObject> targets, JsonObject? debugData, DateTimeOffset? published = null)
    {
        var record = LogEventBuilder.Build(new SyntheticEvent(eventType, targets, actor, outcome, message), published ?? OktaTime.NowMilliseconds());
        record["severity"] = severity;
        record["outcome"]!["reason"] = reason;
        if (debugData is not null && record["debugContext"]?["debugData"] is JsonObject data)
        {
            foreach (var (name, value) in debugData)
            {
                data[name] = value?.DeepClone();
            }
        }

        return record;
    }

    private JsonObject BuildForRequest(
        string eventType, string message, string outcome, string? reason, string severity, JsonObject? actor,
        IReadOnlyList<JsonObject> targets, JsonObject? debugData)
    {
        var record = Build(eventType, message, outcome, reason, severity, actor, targets, debugData, null);
        if (http.HttpContext is { } context)
        {
            // The request that caused the record: its X-Okta-Request-Id is the transaction, as Okta does.
            var requestId = context.Response.Headers["X-Okta-Request-Id"].ToString();
            if (requestId.Length > 0)
            {
                record["transaction"]!["id"] = requestId;
                record["debugContext"]!["debugData"]!["requestId"] = requestId;
            }

            var userAgent = context.Request.Headers.UserAgent.ToString();
            if (userAgent.Length > 0 && record["client"]?["userAgent"] is JsonObject agent)
            {
                agent["rawUserAgent"] = userAgent;
            }

            record["debugContext"]!["debugData"]!["requestUri"] = context.Request.Path.Value;
        }

        return record;
    }

    // SSWS: the admin behind the API token (LogEventBuilder's default actor); OAuth: the service app's client.
    private JsonObject? CallerActor()
    {
        var context = http.HttpContext;
        if (context is null)
        {
            return SystemActor();
        }

        return RequestCaller.ClientIdOf(context) is { } clientId
            ? new JsonObject
            {
                ["id"] = clientId,
                ["type"] = "PublicClientApp",
                ["alternateId"] = clientId,
                ["displayName"] = clientId,
                ["detailEntry"] = null,
            }
            : null;
    }

    private static JsonObject HookTarget(LoggedHook hook, string type) => new()
    {
        ["id"] = hook.Id,
        ["type"] = type,
        ["alternateId"] = hook.Name,
        ["displayName"] = hook.Name,
        ["detailEntry"] = null,
    };

    // debugData values are strings in Okta's records; the list of hooks is JSON text inside one.
    private static string WebhookList(LoggedHook hook) => WebhookList([hook]);

    private static string WebhookList(IEnumerable<LoggedHook> hooks) =>
        new JsonArray(hooks.Select(hook => (JsonNode)new JsonObject { ["id"] = hook.Id, ["name"] = hook.Name, ["uri"] = hook.Uri }).ToArray()).ToJsonString();

    private static string Truncate(string reason) => reason.Length <= 255 ? reason : reason[..255];
}
