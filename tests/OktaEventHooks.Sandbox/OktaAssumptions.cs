namespace OktaEventHooks.Sandbox;

/// <summary>
/// The one list of what the sandbox does where neither a recording of real Okta traffic
/// (<c>tests/fixtures/recorded/</c>) nor Okta's documentation says what Okta does. Each is an ASSUMPTION and
/// the safe choice; the code that applies one cites its number (e.g. "OktaAssumptions A3"), and the README
/// beside this file lists the same. When a recording settles one, change the code and drop it here.
/// <list type="number">
/// <item>A1 ASSUMPTION, DELETE of an ACTIVE hook: 400 E0000001 with <see cref="DeleteActiveCause"/>; the hook stays.
/// Okta documents that only INACTIVE hooks can be deleted, not the answer; every recording deactivates first.</item>
/// <item>A2 ASSUMPTION, verify of an INACTIVE hook: 400 E0000001 with <see cref="VerifyInactiveCause"/>, and the
/// endpoint is not called. Okta shows no <c>verify</c> link on an INACTIVE hook; the call itself is not recorded.</item>
/// <item>A3 ASSUMPTION, the 25-hook limit: at most <see cref="MaxActiveHooks"/> ACTIVE hooks (Okta's documented
/// number; INACTIVE ones do not count). A create, an activate or a PUT with <c>"status": "ACTIVE"</c> that would
/// make a 26th is 400 E0000001 with <see cref="ActiveLimitCause"/>; Okta's real error is not recorded.</item>
/// <item>A4 ASSUMPTION, a PUT and the stored secret: an <c>authScheme</c> without <c>value</c> is refused (400,
/// cause on <c>channel.config.authScheme.value</c>) and the stored secret is kept; a PUT without <c>authScheme</c>
/// removes it (full replacement). Okta documents neither; refusing catches a client that drops the secret.</item>
/// <item>A5 ASSUMPTION, what forces re-verification: a PUT that changes anything in <c>channel</c> (uri, custom
/// headers, auth header name or secret) makes the hook UNVERIFIED; name, description, events and status keep
/// VERIFIED. Recorded: a changed uri makes it UNVERIFIED. Not recorded: the other fields.</item>
/// <item>A6 ASSUMPTION, <c>status</c> in a create body: ignored, a hook is created ACTIVE (Okta's documentation).
/// Recorded: a PUT honours <c>status</c>; every recorded create sent ACTIVE or no status.</item>
/// <item>A7 ASSUMPTION, a <c>status</c> other than ACTIVE or INACTIVE (create or PUT): 400 E0000001 with
/// <see cref="StatusValueCause"/>.</item>
/// <item>A8 ASSUMPTION, two changes within one second: <c>lastUpdated</c> is whole seconds (recorded) and moves by
/// at least <see cref="LastUpdatedStep"/> on every change, so a change is always visible; in a burst it runs
/// ahead of the clock by up to a second per change.</item>
/// <item>A9 ASSUMPTION, the text of a failed verification: 400 E0000001 with one cause,
/// <see cref="VerificationFailedCause"/> with the hook's name, and no reason. No recording has a failed
/// verification; this is the text Okta's support knowledge base shows. The reason stays in the sandbox
/// (<c>GET /sandbox/verifications</c>).</item>
/// <item>A10 ASSUMPTION, a missing OAuth scope: 403 E0000006 whose one cause is <see cref="ScopeMissingText"/>,
/// plus the same text in the <c>WWW-Authenticate</c> challenge (which is where Okta's support article shows it).</item>
/// <item>A11 ASSUMPTION, batching of deliveries: events posted to <c>/sandbox/events</c> within
/// <see cref="DeliveryBatchWindowMilliseconds"/> of the first of a batch, or posted together, reach each hook in
/// one POST (<c>data.events</c> in posting order). Okta documents batching of events close in time, not how close.</item>
/// <item>A12 ASSUMPTION, headers of a delivery POST: the same <c>User-Agent</c> as the verification GET and an
/// <c>X-Okta-Request-Id</c>. Documented for the GET only; for the POST only Accept, Content-Type, the auth and
/// custom headers are.</item>
/// <item>A13 ASSUMPTION, lifecycle calls that change nothing (activate an ACTIVE hook, deactivate an INACTIVE
/// one): 200 with the hook, and <c>lastUpdated</c> moves.</item>
/// <item>A14 ASSUMPTION, validation errors of a create or a PUT: 400 E0000001 <see cref="ValidationSummary"/> with
/// one cause per problem in the sandbox's own words (<c>field: problem</c>); a body that is not JSON is E0000003.
/// No recording has a refused create or PUT.</item>
/// <item>A15 ASSUMPTION, a failed delivery in the System Log: one <c>event_hook.delivery</c> record per failed POST
/// to a hook (after its retry), FAILURE with the reason in <c>outcome.reason</c> (<see cref="DeliveryFailedReason"/>),
/// severity WARN, actor Okta's SystemPrincipal, an empty <c>target</c>, and the hook named only in
/// <c>debugContext.debugData.webhooks</c> (JSON text) beside <c>deliveryAttempts</c> and <c>eventIds</c>. Okta has
/// published no example of this record.</item>
/// <item>A16 ASSUMPTION, <c>event_hook.verified</c>: one target of type ResourceDetails (the catalogue's type) with
/// the hook's id and name, the <c>webhooks</c> list in debugData, and on FAILURE the verifier's reason.</item>
/// <item>A17 ASSUMPTION, lifecycle records: one target of type EventHook (id, name), a displayMessage such as
/// "Event hook created", the request's X-Okta-Request-Id as <c>transaction.id</c>; the actor is the API token's
/// admin (User) or the OAuth client (PublicClientApp).</item>
/// <item>A18 ASSUMPTION, the delivery-quota records: <c>system.operation.rate_limit.warning</c> (SUCCESS, WARN) and
/// <c>.violation</c> (FAILURE, ERROR) with <c>debugData.operationRateLimitType</c> event_hook_delivery and no target.</item>
/// <item>A19 ASSUMPTION, <c>GET /api/v1/logs</c>: filter values compare without regard to case, an attribute a record
/// lacks matches nothing, <c>limit=0</c> and anything unparsable are 400 E0000001 "Api validation failed: &lt;parameter&gt;",
/// and a bounded query's last page has no next link.</item>
/// <item>A20 ASSUMPTION, the System Log's own bucket: <see cref="SystemLogRequestsPerMinute"/> requests a minute
/// (Okta's size varies by org and plan).</item>
/// <item>A21 ASSUMPTION, an event's hooks in the System Log: every event posted to <c>/sandbox/events</c> is written to
/// the System Log before any delivery; the ACTIVE and VERIFIED hooks it is routed to (subscribed, and not turned away by
/// their filter) are listed in <c>debugContext.debugData.webhooks</c> as in A15, which the delivered LogEvent carries too.
/// Okta documents that debugData lists the hooks an event was routed to, not under which key.</item>
/// <item>A22 ASSUMPTION, <c>createdBy</c> of a hook created by an OAuth service app is the app's client id (Okta's
/// documentation says only "the user id of the creator"); a hook created with an API token names the token's admin.</item>
/// </list>
/// </summary>
internal static class OktaAssumptions
{
    /// <summary>A1.</summary>
    public const string DeleteActiveCause = "Cannot delete an ACTIVE event hook; deactivate it first.";

    /// <summary>A2.</summary>
    public const string VerifyInactiveCause = "The event hook must be ACTIVE to be verified.";

    /// <summary>A3.</summary>
    public const int MaxActiveHooks = 25;

    /// <summary>A3.</summary>
    public const string ActiveLimitCause = "The limit of 25 active event hooks is reached; deactivate or delete one first.";

    /// <summary>A7.</summary>
    public const string StatusValueCause = "status: The only supported values are ACTIVE and INACTIVE.";

    /// <summary>A8.</summary>
    public static readonly TimeSpan LastUpdatedStep = TimeSpan.FromSeconds(1);

    /// <summary>A9.</summary>
    public static string VerificationFailedCause(string hookName) => $"Unable to verify event hook. Hook {hookName} execution failed";

    /// <summary>A10.</summary>
    public const string ScopeMissingText = "The access token provided does not contain the required scopes.";

    /// <summary>A11.</summary>
    public const int DeliveryBatchWindowMilliseconds = 100;

    /// <summary>A14.</summary>
    public const string ValidationSummary = "Api validation failed: eventHook";

    /// <summary>A15: <paramref name="what"/> is what went wrong, such as "the endpoint answered HTTP 500".</summary>
    public static string DeliveryFailedReason(string what, int attempts) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"Event delivery failed: {what} ({attempts} attempt{(attempts == 1 ? string.Empty : "s")})");

    /// <summary>A20.</summary>
    public const int SystemLogRequestsPerMinute = 120;
}
