using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Admin;
using OktaEventHooks.Sandbox.Infrastructure;

namespace OktaEventHooks.Sandbox.SystemLog;

/// <summary>
/// What a test posts to <c>/sandbox/logs/synthetic</c>: <c>count</c> records spread evenly over [<c>since</c>,
/// <c>until</c>), all of <c>eventType</c> (default <c>event_hook.delivery</c>) about one hook (<c>hookId</c>,
/// <c>hookName</c>, <c>uri</c>), with <c>outcome</c> (default FAILURE for deliveries, else SUCCESS) and <c>reason</c>.
/// Strict like the other admin bodies: an unknown field is refused.
/// </summary>
internal sealed record SyntheticRangeRequest(DateTimeOffset Since, DateTimeOffset Until, int Count, JsonObject Template)
{
    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "count", "since", "until", "eventType", "outcome", "reason", "hookId", "hookName", "uri",
    };

    public static (SyntheticRangeRequest? Request, string? Problem) Parse(JsonObject json)
    {
        if (json.Select(p => p.Key).FirstOrDefault(k => !KnownFields.Contains(k)) is { } unknown)
        {
            return (null, $"Unknown field '{unknown}'.");
        }

        if (!AdminJson.TryGetInt(json["count"], out var count) || count is < 1 or > SystemLogEndpoints.MaxSyntheticCount)
        {
            return (null, $"'count' must be a whole number from 1 to {SystemLogEndpoints.MaxSyntheticCount}.");
        }

        if (!AdminJson.TryGetString(json["since"], out var sinceText) || !SystemLogEndpoints.TryParseTime(sinceText, out var since)
            || !AdminJson.TryGetString(json["until"], out var untilText) || !SystemLogEndpoints.TryParseTime(untilText, out var until))
        {
            return (null, "'since' and 'until' are required ISO 8601 times.");
        }

        if (since >= until)
        {
            return (null, "'since' must be earlier than 'until'.");
        }

        var eventType = Text(json, "eventType") ?? SystemLogEventTypes.Delivery;
        var outcome = Text(json, "outcome") ?? (eventType == SystemLogEventTypes.Delivery ? "FAILURE" : "SUCCESS");
        var hook = new LoggedHook(
            Text(json, "hookId") ?? OktaIds.NewEventHookId(),
            Text(json, "hookName") ?? "Synthetic hook",
            Text(json, "uri") ?? "https://hooks.example.com/okta/synthetic");
        var template = SystemLogWriter.HookRecord(eventType, hook, outcome, Text(json, "reason"), since);
        return (new SyntheticRangeRequest(since, until, count, template), null);
    }

    private static string? Text(JsonObject json, string name) =>
        AdminJson.TryGetString(json[name], out var value) && value.Length > 0 ? value : null;
}
