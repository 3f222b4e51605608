using OktaEventHooks.Sandbox.Hooks;
using OktaEventHooks.Sandbox.Infrastructure;
using OktaEventHooks.Sandbox.OAuth;
using OktaEventHooks.Sandbox.SystemLog;
using OktaEventHooks.Sandbox.Verification;

namespace OktaEventHooks.Sandbox.Api;

/// <summary>
/// The eight Okta operations under /api/v1/eventHooks. Authentication, headers and logging are
/// already done by <see cref="OktaApiMiddleware"/> when a handler runs.
/// </summary>
internal static class EventHookEndpoints
{
    public const string BasePath = "/api/v1/eventHooks";

    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet(BasePath, List);
        routes.MapPost(BasePath, Create);
        routes.MapGet(BasePath + "/{id}", Get);
        routes.MapPut(BasePath + "/{id}", Replace);
        routes.MapDelete(BasePath + "/{id}", Delete);
        routes.MapPost(BasePath + "/{id}/lifecycle/activate", Activate);
        routes.MapPost(BasePath + "/{id}/lifecycle/deactivate", Deactivate);
        routes.MapPost(BasePath + "/{id}/lifecycle/verify", VerifyAsync);
    }

    private static OktaJsonResult List(EventHookStore store, SandboxState state) =>
        new(200, HookJsonWriter.RenderList(store.List(), state.BaseAddress));

    // Okta answers a successful create with 200, not 201. A status in the body plays no part (OktaAssumptions A6).
    private static OktaJsonResult Create(HttpContext context, EventHookStore store, EventHookValidator validator, EventTypeOrdering ordering, SandboxState state)
    {
        var validation = validator.Validate(RequestBody.Get(context));
        if (Reject(validation) is { } error)
        {
            return error;
        }

        var result = store.Create(Ordered(validation.Definition!, ordering), RequestCaller.ClientIdOf(context) ?? OktaIds.SandboxAdminUserId);
        return Respond(result, string.Empty, state);
    }

    private static OktaJsonResult Get(string id, EventHookStore store, SandboxState state) =>
        store.Find(id) is { } hook
            ? new OktaJsonResult(200, HookJsonWriter.Render(hook, state.BaseAddress))
            : OktaErrors.HookNotFound(id);

    private static OktaJsonResult Replace(string id, HttpContext context, EventHookStore store, EventHookValidator validator, EventTypeOrdering ordering, SandboxState state)
    {
        // An unknown id is a 404 even when the body is also wrong: the resource is checked first.
        if (store.Find(id) is null)
        {
            return OktaErrors.HookNotFound(id);
        }

        var validation = validator.Validate(RequestBody.Get(context));
        if (Reject(validation) is { } error)
        {
            return error;
        }

        return Respond(store.Replace(id, Ordered(validation.Definition!, ordering), validation.Status), id, state);
    }

    // The org keeps event types in its own order, which need not be the order sent.
    private static HookDefinition Ordered(HookDefinition definition, EventTypeOrdering ordering) =>
        definition with { EventTypes = ordering.Apply(definition.EventTypes) };

    private static IResult Delete(string id, EventHookStore store)
    {
        var result = store.Delete(id);
        return result.Outcome == StoreOutcome.Ok
            ? Results.StatusCode(StatusCodes.Status204NoContent)
            : OktaErrors.ForStoreOutcome(result.Outcome, id);
    }

    private static OktaJsonResult Activate(string id, EventHookStore store, SandboxState state) =>
        Respond(store.SetStatus(id, HookStatus.Active), id, state);

    private static OktaJsonResult Deactivate(string id, EventHookStore store, SandboxState state) =>
        Respond(store.SetStatus(id, HookStatus.Inactive), id, state);

    private static async Task<OktaJsonResult> VerifyAsync(
        string id, HttpContext context, EventHookStore store, HookVerifier verifier, VerificationLog log, SandboxState state, SystemLogWriter systemLog)
    {
        var hook = store.Find(id);
        if (hook is null)
        {
            return OktaErrors.HookNotFound(id);
        }

        // Okta shows no verify link on an INACTIVE hook; the sandbox refuses the call outright (OktaAssumptions A2).
        if (hook.Status != HookStatus.Active)
        {
            return OktaErrors.Validation(OktaAssumptions.VerifyInactiveCause);
        }

        var channel = hook.Definition.Channel;
        var outcome = await verifier.VerifyAsync(channel, context.RequestAborted);
        log.Add(new VerificationRecord(
            DateTimeOffset.UtcNow, id, hook.Definition.Name, channel.Uri, outcome.Verified, outcome.Attempts, outcome.FailureCause));
        systemLog.HookVerified(id, hook.Definition.Name, channel.Uri, outcome.Verified ? null : outcome.FailureCause);
        if (!outcome.Verified)
        {
            return OktaErrors.VerificationFailed(hook.Definition.Name);
        }

        return Respond(store.MarkVerified(id, channel), id, state);
    }

    private static OktaJsonResult? Reject(EventHookValidation validation)
    {
        if (validation.Malformed)
        {
            return OktaErrors.MalformedBody();
        }

        return validation.Causes.Count > 0 ? OktaErrors.Validation(validation.Causes) : null;
    }

    private static OktaJsonResult Respond(StoreResult result, string id, SandboxState state) =>
        result.Outcome == StoreOutcome.Ok
            ? new OktaJsonResult(200, HookJsonWriter.Render(result.Rendered!, state.BaseAddress))
            : OktaErrors.ForStoreOutcome(result.Outcome, id);
}
