using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Hooks;
using OktaEventHooks.Sandbox.Infrastructure;

namespace OktaEventHooks.Sandbox.Api;

/// <summary>
/// Okta's Management API error bodies: errorCode, errorSummary, errorLink (= the code),
/// errorId (<c>oae</c> + 22 url-safe characters, unique per occurrence) and errorCauses ([{errorSummary}]).
/// </summary>
internal static class OktaErrors
{
    public const string ValidationSummary = OktaAssumptions.ValidationSummary;

    public static OktaJsonResult InvalidToken() =>
        Create(401, "E0000011", "Invalid token provided");

    /// <summary>An OAuth access token that lacks the scope for the operation (OktaAssumptions A10 for the cause).</summary>
    public static OktaJsonResult InsufficientScope() =>
        Create(403, "E0000006", "You do not have permission to perform the requested action", [OktaAssumptions.ScopeMissingText]);

    public static OktaJsonResult Validation(IEnumerable<string> causes) =>
        Create(400, "E0000001", ValidationSummary, causes);

    public static OktaJsonResult Validation(string cause) => Validation([cause]);

    /// <summary>
    /// A verification that failed, as a real org answers it: the generic summary and one cause that names the
    /// hook and gives no reason (OktaAssumptions A9). The reason is in the sandbox's verification log.
    /// </summary>
    public static OktaJsonResult VerificationFailed(string hookName) =>
        Create(400, "E0000001", ValidationSummary, [OktaAssumptions.VerificationFailedCause(hookName)]);

    public static OktaJsonResult MalformedBody() =>
        Create(400, "E0000003", "The request body was not well-formed.");

    public static OktaJsonResult HookNotFound(string id) =>
        Create(404, "E0000007", $"Not found: Resource not found: {id} (Webhook)");

    public static OktaJsonResult PathNotFound(string path) =>
        Create(404, "E0000007", $"Not found: Resource not found: {path}");

    public static OktaJsonResult MethodNotAllowed() =>
        Create(405, "E0000022", "The endpoint does not support the provided HTTP method");

    public static OktaJsonResult RateLimitExceeded() =>
        Create(429, "E0000047", "API call exceeded rate limit due to too many requests.");

    public static OktaJsonResult InternalError() =>
        Create(500, "E0000009", "Internal Server Error");

    /// <summary>Okta's server-error body under another status (e.g. a 503 from a node that is going away).</summary>
    public static OktaJsonResult ServerFault(int status) =>
        Create(status, "E0000009", "Internal Server Error");

    /// <summary>Maps a store failure to the error Okta would answer.</summary>
    public static OktaJsonResult ForStoreOutcome(StoreOutcome outcome, string id) => outcome switch
    {
        StoreOutcome.NotFound => HookNotFound(id),
        StoreOutcome.ActiveLimitReached => Validation(OktaAssumptions.ActiveLimitCause),
        StoreOutcome.HookIsActive => Validation(OktaAssumptions.DeleteActiveCause),
        _ => InternalError(),
    };

    internal static OktaJsonResult Create(int status, string code, string summary, IEnumerable<string>? causes = null)
    {
        var causeArray = new JsonArray();
        foreach (var cause in causes ?? [])
        {
            causeArray.Add(new JsonObject { ["errorSummary"] = cause });
        }

        return new OktaJsonResult(status, new JsonObject
        {
            ["errorCode"] = code,
            ["errorSummary"] = summary,
            ["errorLink"] = code,
            ["errorId"] = OktaIds.NewErrorId(),
            ["errorCauses"] = causeArray,
        });
    }
}
