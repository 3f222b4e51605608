using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Admin;
using OktaEventHooks.Sandbox.Infrastructure;

namespace OktaEventHooks.Sandbox.Delivery;

/// <summary>
/// Test-only endpoints (not part of Okta) that make the org "emit" a System Log event and deliver it to its
/// event hooks, plus the log of those deliveries. Like every /sandbox endpoint: no authentication, not in the
/// request log. The POST answers only once every delivery is done, so a test can read the receiver log right after.
/// </summary>
internal static class EventDeliveryEndpoints
{
    public const string EventsPath = AdminEndpoints.BasePath + "/events";
    public const string DeliveriesPath = AdminEndpoints.BasePath + "/deliveries";

    public static void Map(IEndpointRouteBuilder routes)
    {
        // Deliveries run to the end even if the caller hangs up, so the delivery log never holds half an event;
        // only stopping the sandbox cuts them short.
        routes.MapPost(EventsPath, async (HttpContext context, HookDeliverer deliverer, IHostApplicationLifetime lifetime) =>
        {
            var (json, problem) = await AdminJson.ReadObjectAsync(context);
            if (json is null)
            {
                return AdminJson.BadRequest(problem!);
            }

            var (synthetic, invalid) = SyntheticEvent.Parse(json);
            if (synthetic is null)
            {
                return AdminJson.BadRequest(invalid!);
            }

            var result = await deliverer.DeliverAsync(synthetic, lifetime.ApplicationStopping);
            return new OktaJsonResult(200, result.ToJson());
        });

        routes.MapGet(DeliveriesPath, (DeliveryLog log) =>
            new OktaJsonResult(200, new JsonArray(log.Snapshot().Select(e => (JsonNode)e.ToJson()).ToArray())));

        routes.MapDelete(DeliveriesPath, (DeliveryLog log) =>
        {
            log.Clear();
            return Results.NoContent();
        });
    }
}
