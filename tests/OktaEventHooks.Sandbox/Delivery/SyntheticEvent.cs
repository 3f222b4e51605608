using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Admin;

namespace OktaEventHooks.Sandbox.Delivery;

/// <summary>
/// What a test posts to <c>/sandbox/events</c>: the parts of a System Log event worth choosing.
/// Everything else in the LogEvent is filled in the way Okta fills it for an admin action.
/// </summary>
internal sealed record SyntheticEvent(
    string EventType,
    IReadOnlyList<JsonObject> Targets,
    JsonObject? Actor,
    string Outcome,
    string? DisplayMessage)
{
    /// <summary>The documented <c>outcome.result</c> values of a System Log event.</summary>
    private static readonly HashSet<string> OutcomeResults = new(StringComparer.Ordinal)
    {
        "SUCCESS", "FAILURE", "SKIPPED", "ALLOW", "DENY", "CHALLENGE", "UNKNOWN",
    };

    private static readonly HashSet<string> KnownFields = new(StringComparer.Ordinal)
    {
        "eventType", "target", "actor", "outcome", "displayMessage",
    };

    /// <summary>
    /// Strict like the fault parser: a typo in a field name must fail loudly, or a test would deliver
    /// an event other than the one it describes and still pass.
    /// </summary>
    public static (SyntheticEvent? Event, string? Problem) Parse(JsonObject json)
    {
        if (json.Select(p => p.Key).FirstOrDefault(k => !KnownFields.Contains(k)) is { } unknown)
        {
            return (null, $"Unknown field '{unknown}'.");
        }

        if (!AdminJson.TryGetString(json["eventType"], out var eventType) || string.IsNullOrWhiteSpace(eventType))
        {
            return (null, "'eventType' is required and must be a non-empty string.");
        }

        var targets = new List<JsonObject>();
        if (json["target"] is { } targetNode)
        {
            if (targetNode is not JsonArray array || array.Any(t => t is not JsonObject))
            {
                return (null, "'target' must be an array of objects.");
            }

            targets.AddRange(array.Select(t => t!.AsObject()));
        }

        JsonObject? actor = null;
        if (json["actor"] is { } actorNode)
        {
            actor = actorNode as JsonObject;
            if (actor is null)
            {
                return (null, "'actor' must be an object.");
            }
        }

        var outcome = "SUCCESS";
        if (json.ContainsKey("outcome")
            && (!AdminJson.TryGetString(json["outcome"], out outcome) || !OutcomeResults.Contains(outcome)))
        {
            return (null, $"'outcome' must be one of {string.Join(", ", OutcomeResults)}.");
        }

        string? displayMessage = null;
        if (json.ContainsKey("displayMessage") && !AdminJson.TryGetString(json["displayMessage"], out displayMessage!))
        {
            return (null, "'displayMessage' must be a string.");
        }

        // Detached copies: the LogEvent is built from these and JsonNodes can have only one parent.
        return (new SyntheticEvent(eventType, targets.Select(t => t.DeepClone().AsObject()).ToList(), actor?.DeepClone().AsObject(), outcome, displayMessage), null);
    }
}
