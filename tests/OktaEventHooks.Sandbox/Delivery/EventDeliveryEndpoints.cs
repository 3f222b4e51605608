using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Admin;
using OktaEventHooks.Sandbox.Infrastructure;

namespace OktaEventHooks.Sandbox.Delivery;

/// <summary>
/// Test-only endpoints (not part of Okta) that make the org "emit" System Log events and deliver them to its
/// event hooks, plus the log of those deliveries. Like every /sandbox endpoint: no authentication, not in the
/// request log. The body is one event, or <c>{"events": [ … ]}</c> for several that happen together (always
/// one batch). Events posted close in time are batched too (<see cref="DeliveryBatcher"/>). The POST answers
/// only once its batch is delivered, so a test can read the receiver log right after.
/// </summary>
internal static class EventDeliveryEndpoints
{
    /// <summary>The field of a body that posts several events together.</summary>
    public const string BatchField = "events";

    public const string EventsPath = AdminEndpoints.BasePath + "/events";
    public const string DeliveriesPath = AdminEndpoints.BasePath + "/deliveries";

    public static void Map(IEndpointRouteBuilder routes)
    {
        // Deliveries run to the end even if the caller hangs up, so the delivery log never holds half an event;
        // only stopping the sandbox cuts them short.
        routes.MapPost(EventsPath, async (HttpContext context, DeliveryBatcher batcher) =>
        {
            var (json, problem) = await AdminJson.ReadObjectAsync(context);
            if (json is null)
            {
                return AdminJson.BadRequest(problem!);
            }

            var (events, invalid) = ParseEvents(json);
            if (events is null)
            {
                return AdminJson.BadRequest(invalid!);
            }

            var results = await batcher.SubmitAsync(events);
            return json.ContainsKey(BatchField)
                ? new OktaJsonResult(200, new JsonObject { [BatchField] = new JsonArray(results.Select(r => (JsonNode)r.ToJson()).ToArray()) })
                : new OktaJsonResult(200, results[0].ToJson());
        });

        routes.MapGet(DeliveriesPath, (DeliveryLog log) =>
            new OktaJsonResult(200, new JsonArray(log.Snapshot().Select(e => (JsonNode)e.ToJson()).ToArray())));

        routes.MapDelete(DeliveriesPath, (DeliveryLog log) =>
        {
            log.Clear();
            return Results.NoContent();
        });
    }

    /// <summary>One event, or <c>{"events": [ … ]}</c>: a non-empty array of events and nothing else.</summary>
    private static (IReadOnlyList<SyntheticEvent>? Events, string? Problem) ParseEvents(JsonObject json)
    {
        if (!json.ContainsKey(BatchField))
        {
            var (single, problem) = SyntheticEvent.Parse(json);
            return single is null ? (null, problem) : ([single], null);
        }

        if (json.Count != 1)
        {
            return (null, $"A body with '{BatchField}' must have no other field.");
        }

        if (json[BatchField] is not JsonArray array || array.Count == 0 || array.Any(e => e is not JsonObject))
        {
            return (null, $"'{BatchField}' must be a non-empty array of events.");
        }

        var events = new List<SyntheticEvent>();
        for (var i = 0; i < array.Count; i++)
        {
            var (parsed, problem) = SyntheticEvent.Parse(array[i]!.AsObject());
            if (parsed is null)
            {
                return (null, $"{BatchField}[{i}]: {problem}");
            }

            events.Add(parsed);
        }

        return (events, null);
    }
}
