using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Admin;
using OktaEventHooks.Sandbox.Infrastructure;

namespace OktaEventHooks.Sandbox.Delivery;

/// <summary>
/// Builds the System Log <c>LogEvent</c> that goes into <c>data.events[]</c>, with every property Okta's
/// LogEvent has (nulls included) plus the <c>insertionTimestamp</c> (null) that delivered events carry, so a
/// receiver that parses real events parses this one.
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
            // Okta puts it, null, on every LogEvent it delivers to a hook.
            ["insertionTimestamp"] = null,
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
