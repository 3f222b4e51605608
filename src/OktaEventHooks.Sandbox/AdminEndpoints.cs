using System.Text.Json.Nodes;

namespace OktaEventHooks.Sandbox;

/// <summary>
/// Test-only endpoints under /sandbox (not part of Okta): inspect and reset the org. No authentication
/// and never written to the request log, so they cannot disturb what a test asserts about API traffic.
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

        routes.MapPost(BasePath + "/reset", (EventHookStore store, RequestLog log, ReceiverLog receiverLog, RateLimitWindow rateLimit) =>
        {
            store.Clear();
            log.Clear();
            receiverLog.Clear();
            rateLimit.Reset();
            return Results.NoContent();
        });

        // Renders the hook like the API plus authScheme.value, so tests can prove a secret arrived.
        routes.MapGet(BasePath + "/eventHooks/{id}", (string id, EventHookStore store, SandboxState state) =>
            store.Find(id) is { } hook
                ? new OktaJsonResult(200, EventHookJson.Render(hook, state.BaseAddress, includeSecret: true))
                : OktaErrors.HookNotFound(id));

        routes.MapGet(BasePath + "/receiver/requests", (ReceiverLog log) =>
            new OktaJsonResult(200, new JsonArray(log.Snapshot().Select(e => (JsonNode)e.ToJson()).ToArray())));

        routes.MapDelete(BasePath + "/receiver/requests", (ReceiverLog log) =>
        {
            log.Clear();
            return Results.NoContent();
        });
    }
}
