using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Infrastructure;

namespace OktaEventHooks.Sandbox.Hooks;

/// <summary>
/// Renders a stored hook exactly in the shape of Okta's responses (see samples/event-hook.json):
/// fixed property order, <c>description</c>/<c>filter</c> as null when unset, <c>headers</c> as [] when none,
/// and <c>authScheme</c> without its write-only <c>value</c>.
/// </summary>
internal static class HookJsonWriter
{
    /// <param name="includeSecret">Only the test-only admin endpoint passes true, to prove a secret arrived.</param>
    public static JsonObject Render(StoredEventHook hook, string baseAddress, bool includeSecret = false)
    {
        var definition = hook.Definition;
        return new JsonObject
        {
            ["id"] = hook.Id,
            ["status"] = hook.Status,
            ["verificationStatus"] = hook.VerificationStatus,
            ["name"] = definition.Name,
            ["description"] = definition.Description,
            ["created"] = OktaTime.Format(hook.Created),
            ["createdBy"] = hook.CreatedBy,
            ["lastUpdated"] = OktaTime.Format(hook.LastUpdated),
            ["events"] = RenderEvents(definition),
            ["channel"] = RenderChannel(definition.Channel, includeSecret),
            ["_links"] = RenderLinks(hook, baseAddress),
        };
    }

    public static JsonArray RenderList(IEnumerable<StoredEventHook> hooks, string baseAddress) =>
        new(hooks.Select(h => (JsonNode)Render(h, baseAddress)).ToArray());

    private static JsonObject RenderEvents(HookDefinition definition)
    {
        JsonObject? filter = null;
        if (definition.Filter is { } filters)
        {
            filter = new JsonObject
            {
                ["type"] = "EXPRESSION_LANGUAGE",
                ["eventFilterMap"] = new JsonArray(filters.Select(f => (JsonNode)new JsonObject
                {
                    ["event"] = f.Event,
                    ["condition"] = new JsonObject
                    {
                        ["version"] = null,
                        ["expression"] = f.Expression,
                    },
                }).ToArray()),
            };
        }

        return new JsonObject
        {
            ["type"] = "EVENT_TYPE",
            ["items"] = new JsonArray(definition.EventTypes.Select(t => (JsonNode)JsonValue.Create(t)!).ToArray()),
            ["filter"] = filter,
        };
    }

    private static JsonObject RenderChannel(HookChannel channel, bool includeSecret)
    {
        var config = new JsonObject
        {
            ["uri"] = channel.Uri,
            ["headers"] = new JsonArray(channel.Headers.Select(h => (JsonNode)new JsonObject
            {
                ["key"] = h.Key,
                ["value"] = h.Value,
            }).ToArray()),
            ["method"] = "POST",
        };

        if (channel.AuthScheme is { } scheme)
        {
            var authScheme = new JsonObject
            {
                ["type"] = "HEADER",
                ["key"] = scheme.Key,
            };
            if (includeSecret)
            {
                authScheme["value"] = scheme.Value;
            }

            config["authScheme"] = authScheme;
        }

        return new JsonObject
        {
            ["type"] = "HTTP",
            ["version"] = "1.0.0",
            ["config"] = config,
        };
    }

    // Live Okta responses list different relations by status (the spec schema shows only the ACTIVE set).
    private static JsonObject RenderLinks(StoredEventHook hook, string baseAddress)
    {
        var self = $"{baseAddress}/api/v1/eventHooks/{hook.Id}";
        var lifecycle = $"{self}/lifecycle";
        if (hook.Status == HookStatus.Active)
        {
            return new JsonObject
            {
                ["self"] = Link(self),
                ["verify"] = Link($"{lifecycle}/verify", "POST"),
                ["deactivate"] = Link($"{lifecycle}/deactivate", "POST"),
            };
        }

        return new JsonObject
        {
            ["activate"] = Link($"{lifecycle}/activate", "POST"),
            ["self"] = Link(self),
            ["delete"] = Link(self, "DELETE"),
        };
    }

    private static JsonObject Link(string href, string? allow = null)
    {
        var link = new JsonObject { ["href"] = href };
        if (allow is not null)
        {
            link["hints"] = new JsonObject { ["allow"] = new JsonArray(allow) };
        }

        return link;
    }
}
