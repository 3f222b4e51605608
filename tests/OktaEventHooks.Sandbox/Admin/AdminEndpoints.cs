using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Api;
using OktaEventHooks.Sandbox.Delivery;
using OktaEventHooks.Sandbox.Faults;
using OktaEventHooks.Sandbox.Hooks;
using OktaEventHooks.Sandbox.Infrastructure;
using OktaEventHooks.Sandbox.OAuth;
using OktaEventHooks.Sandbox.RateLimiting;
using OktaEventHooks.Sandbox.Receiver;
using OktaEventHooks.Sandbox.SystemLog;
using OktaEventHooks.Sandbox.Verification;

namespace OktaEventHooks.Sandbox.Admin;

/// <summary>
/// Test-only endpoints under /sandbox (not part of Okta): inspect and reset the org, shape its rate limit
/// and inject faults. No authentication, never written to the request log and never rate-limited or
/// faulted, so they cannot disturb what a test asserts about API traffic.
/// </summary>
internal static class AdminEndpoints
{
    public const string BasePath = "/sandbox";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(BasePath + "/requests", (RequestLog log) =>
            new OktaJsonResult(200, new JsonArray(log.Snapshot().Select(e => (JsonNode)e.ToJson()).ToArray())));

        routes.MapDelete(BasePath + "/requests", (RequestLog log) =>
        {
            log.Clear();
            return Results.NoContent();
        });

        routes.MapPost(BasePath + "/reset", (EventHookStore store, RequestLog log, ReceiverLog receiverLog, ReceiverSwitches switches, RateLimitBucket rateLimit, FaultInjector faults, OAuthState oauth, DeliveryLog deliveries, VerificationLog verifications, EventTypeOrdering ordering, SystemLogStore systemLog, SystemLogSettings systemLogSettings) =>
        {
            store.Clear();
            ordering.Reset();
            deliveries.Clear();
            verifications.Clear();
            oauth.Reset();
            log.Clear();
            receiverLog.Clear();
            switches.Clear();
            rateLimit.Reset();
            faults.Clear();
            systemLog.Clear();
            systemLogSettings.Reset();
            return Results.NoContent();
        });

        routes.MapGet(BasePath + "/rate-limit", (RateLimitBucket rateLimit) =>
            new OktaJsonResult(200, rateLimit.Status(DateTimeOffset.UtcNow).ToJson()));

        // Any subset of limit/windowSeconds/concurrentLimit; the rest keep their value. Starts a fresh window.
        routes.MapPut(BasePath + "/rate-limit", async (HttpContext context, RateLimitBucket rateLimit) =>
        {
            var (changes, problem) = await AdminJson.ReadObjectAsync(context);
            if (changes is null)
            {
                return AdminJson.BadRequest(problem!);
            }

            var (settings, invalid) = rateLimit.Settings.With(changes);
            if (settings is null)
            {
                return AdminJson.BadRequest(invalid!);
            }

            rateLimit.Configure(settings);
            return new OktaJsonResult(200, rateLimit.Status(DateTimeOffset.UtcNow).ToJson());
        });

        routes.MapGet(BasePath + "/event-type-order", (EventTypeOrdering ordering) => OrderAnswer(ordering));

        // {"order": "as-sent" | "reversed"}: applies to hooks created or replaced from now on.
        routes.MapPut(BasePath + "/event-type-order", async (HttpContext context, EventTypeOrdering ordering) =>
        {
            var (json, problem) = await AdminJson.ReadObjectAsync(context);
            if (json is null)
            {
                return AdminJson.BadRequest(problem!);
            }

            if (json.Count != 1 || !AdminJson.TryGetString(json["order"], out var name) || !EventTypeOrdering.TryReadName(name, out var order))
            {
                return AdminJson.BadRequest("The body must be {\"order\": \"as-sent\"} or {\"order\": \"reversed\"}.");
            }

            ordering.Set(order);
            return OrderAnswer(ordering);
        });

        routes.MapGet(BasePath + "/faults", (FaultInjector faults) => new OktaJsonResult(200, faults.Snapshot()));

        routes.MapPost(BasePath + "/faults", async (HttpContext context, FaultInjector faults) =>
        {
            var (json, problem) = await AdminJson.ReadObjectAsync(context);
            if (json is null)
            {
                return AdminJson.BadRequest(problem!);
            }

            var (spec, invalid) = FaultSpecParser.Parse(json);
            return spec is null ? AdminJson.BadRequest(invalid!) : new OktaJsonResult(201, faults.Add(spec));
        });

        routes.MapDelete(BasePath + "/faults", (FaultInjector faults) =>
        {
            faults.Clear();
            return Results.NoContent();
        });

        // Renders the hook like the API plus authScheme.value, so tests can prove a secret arrived.
        routes.MapGet(BasePath + "/eventHooks/{id}", (string id, EventHookStore store, SandboxState state) =>
            store.Find(id) is { } hook
                ? new OktaJsonResult(200, HookJsonWriter.Render(hook, state.BaseAddress, includeSecret: true))
                : OktaErrors.HookNotFound(id));

        // Why each verification ended as it did: a real org keeps the reason from the API caller.
        routes.MapGet(BasePath + "/verifications", (VerificationLog log) =>
            new OktaJsonResult(200, new JsonArray(log.Snapshot().Select(e => (JsonNode)e.ToJson()).ToArray())));

        routes.MapDelete(BasePath + "/verifications", (VerificationLog log) =>
        {
            log.Clear();
            return Results.NoContent();
        });

        routes.MapGet(BasePath + "/receiver/requests", (ReceiverLog log) =>
            new OktaJsonResult(200, new JsonArray(log.Snapshot().Select(e => (JsonNode)e.ToJson()).ToArray())));

        routes.MapDelete(BasePath + "/receiver/requests", (ReceiverLog log) =>
        {
            log.Clear();
            return Results.NoContent();
        });

        // {"answers": [200, 503, "hang"]} for the receiver's /receiver/switch/{name}: each POST takes the next answer.
        routes.MapPut(BasePath + "/receiver/switch/{name}", async (string name, HttpContext context, ReceiverSwitches switches) =>
        {
            var (json, problem) = await AdminJson.ReadObjectAsync(context);
            if (json is null)
            {
                return AdminJson.BadRequest(problem!);
            }

            var (answers, invalid) = ReceiverSwitches.Parse(json);
            if (answers is null)
            {
                return AdminJson.BadRequest(invalid!);
            }

            switches.Set(name, answers);
            return new OktaJsonResult(200, switches.Describe(name));
        });
    }

    private static OktaJsonResult OrderAnswer(EventTypeOrdering ordering) =>
        new(200, new JsonObject { ["order"] = EventTypeOrdering.NameOf(ordering.Current) });
}
