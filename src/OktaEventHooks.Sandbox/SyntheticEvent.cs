using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace OktaEventHooks.Sandbox;

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

/// <summary>
/// Builds the System Log <c>LogEvent</c> that goes into <c>data.events[]</c>, with every property Okta's
/// LogEvent has (nulls included), so a receiver that parses real events parses this one.
/// </summary>
internal static class LogEventBuilder
{
    public const string SandboxUserAgent = "OktaEventHooks.Sandbox";

    private const string Alphanumerics = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static JsonObject Build(SyntheticEvent synthetic, DateTimeOffset published)
    {
        // Okta uses one id for the transaction and debugData.requestId: both name the request that caused the event.
        var requestId = OktaIds.NewRequestId();
        return new JsonObject
        {
            ["uuid"] = Guid.NewGuid().ToString(),
            ["published"] = OktaTime.Format(published),
            ["eventType"] = synthetic.EventType,
            ["version"] = "0",
            ["displayMessage"] = synthetic.DisplayMessage ?? synthetic.EventType,
            ["severity"] = "INFO",
            ["legacyEventType"] = null,
            ["actor"] = Actor(synthetic.Actor),
            ["client"] = new JsonObject
            {
                ["userAgent"] = new JsonObject { ["rawUserAgent"] = SandboxUserAgent, ["os"] = "Unknown", ["browser"] = "UNKNOWN" },
                ["zone"] = "null",
                ["device"] = "Unknown",
                ["id"] = null,
                ["ipAddress"] = "127.0.0.1",
                ["geographicalContext"] = null,
            },
            ["device"] = null,
            ["outcome"] = new JsonObject { ["result"] = synthetic.Outcome, ["reason"] = null },
            ["target"] = new JsonArray(synthetic.Targets.Select(t => (JsonNode)Target(t)).ToArray()),
            ["transaction"] = new JsonObject { ["type"] = "WEB", ["id"] = requestId, ["detail"] = new JsonObject() },
            ["debugContext"] = new JsonObject { ["debugData"] = new JsonObject { ["requestId"] = requestId } },
            ["authenticationContext"] = new JsonObject
            {
                ["authenticationProvider"] = null,
                ["credentialProvider"] = null,
                ["credentialType"] = null,
                ["issuer"] = null,
                ["interface"] = null,
                ["authenticationStep"] = 0,
                ["externalSessionId"] = "trs" + RandomNumberGenerator.GetString(Alphanumerics, 22),
            },
            ["securityContext"] = new JsonObject
            {
                ["asNumber"] = null,
                ["asOrg"] = null,
                ["isp"] = null,
                ["domain"] = null,
                ["isProxy"] = null,
            },
            ["request"] = new JsonObject { ["ipChain"] = new JsonArray() },
        };
    }

    // The sandbox's single admin acts unless the test names someone else; given fields win.
    private static JsonObject Actor(JsonObject? given)
    {
        var actor = new JsonObject
        {
            ["id"] = OktaIds.SandboxAdminUserId,
            ["type"] = "User",
            ["alternateId"] = "admin@sandbox.example",
            ["displayName"] = "Sandbox Admin",
            ["detailEntry"] = null,
        };
        return Overlay(actor, given);
    }

    // A target keeps every field the test gave; missing standard fields are null, except a generated id.
    private static JsonObject Target(JsonObject given)
    {
        var type = AdminJson.TryGetString(given["type"], out var typeText) ? typeText : null;
        var target = new JsonObject
        {
            ["id"] = IdPrefix(type) + RandomNumberGenerator.GetString(Alphanumerics, 17),
            ["type"] = null,
            ["alternateId"] = null,
            ["displayName"] = null,
            ["detailEntry"] = null,
        };
        return Overlay(target, given);
    }

    private static JsonObject Overlay(JsonObject defaults, JsonObject? given)
    {
        if (given is not null)
        {
            foreach (var (name, value) in given)
            {
                defaults[name] = value?.DeepClone();
            }
        }

        return defaults;
    }

    // Okta ids start with a type prefix; receivers sometimes look at it, so keep the common ones right.
    private static string IdPrefix(string? type) => type switch
    {
        "User" => "00u",
        "UserGroup" => "00g",
        "AppInstance" => "0oa",
        _ => "00x",
    };
}
