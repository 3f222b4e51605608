using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json;
using OktaEventHooks.Client.Http;

namespace OktaEventHooks.Client.EventHooks;

/// <summary>Okta's JSON for event hooks, both directions.</summary>
internal static class EventHookJson
{
    public static EventHook ReadHook(string json) => ReadHook(Parse<JObject>(json));

    public static IReadOnlyList<EventHook> ReadHookList(string json) =>
        Parse<JArray>(json).OfType<JObject>().Select(ReadHook).ToList();

    public static EventHook ReadHook(JObject o)
    {
        if (o == null)
        {
            throw new ArgumentNullException(nameof(o));
        }

        var hook = new EventHook
        {
            Id = Text(o, "id") ?? string.Empty,
            Name = Text(o, "name") ?? string.Empty,
            Description = Text(o, "description"),
            Status = Text(o, "status") ?? string.Empty,
            VerificationStatus = Text(o, "verificationStatus") ?? string.Empty,
            Created = Date(o, "created"),
            CreatedBy = Text(o, "createdBy"),
            LastUpdated = Date(o, "lastUpdated"),
        };

        if (o["events"] is JObject events)
        {
            hook.Events.Type = Text(events, "type") ?? hook.Events.Type;
            hook.Events.Items = (events["items"] as JArray)?.Select(i => (string?)i).Where(i => i != null).Select(i => i!).ToList()
                                ?? new List<string>();
            if (events["filter"] is JObject filter)
            {
                hook.Events.Filter = new EventHookFilter
                {
                    Type = Text(filter, "type") ?? "EXPRESSION_LANGUAGE",
                    EventFilterMap = (filter["eventFilterMap"] as JArray)?.OfType<JObject>()
                        .Select(e => new EventHookFilterMapEntry
                        {
                            Event = Text(e, "event") ?? string.Empty,
                            Expression = (e["condition"] is JObject c ? Text(c, "expression") : null) ?? string.Empty,
                        })
                        .ToList() ?? new List<EventHookFilterMapEntry>(),
                };
            }
        }

        if (o["channel"] is JObject channel)
        {
            hook.Channel.Type = Text(channel, "type") ?? hook.Channel.Type;
            hook.Channel.Version = Text(channel, "version") ?? hook.Channel.Version;
            if (channel["config"] is JObject config)
            {
                hook.Channel.Config.Uri = Text(config, "uri");
                hook.Channel.Config.Method = Text(config, "method") ?? "POST";
                hook.Channel.Config.Headers = (config["headers"] as JArray)?.OfType<JObject>()
                    .Select(h => new EventHookHeader { Key = Text(h, "key") ?? string.Empty, Value = Text(h, "value") ?? string.Empty })
                    .ToList() ?? new List<EventHookHeader>();
                if (config["authScheme"] is JObject auth)
                {
                    // The value is write-only in Okta; even if a server sent one, it is not kept.
                    hook.Channel.Config.AuthScheme = new EventHookAuthScheme
                    {
                        Type = Text(auth, "type") ?? "HEADER",
                        Key = Text(auth, "key") ?? string.Empty,
                    };
                }
            }
        }

        if (o["_links"] is JObject links)
        {
            foreach (var link in links.Properties())
            {
                if (link.Value is JObject l && Text(l, "href") is string href)
                {
                    hook.Links[link.Name] = href;
                }
            }
        }

        return hook;
    }

    /// <summary>The POST/PUT body. Read-only fields are never sent; the secret is sent only when known.</summary>
    public static string WriteDefinition(EventHookDefinition definition)
    {
        if (definition == null)
        {
            throw new ArgumentNullException(nameof(definition));
        }

        var config = new JObject
        {
            ["uri"] = definition.Uri,
            ["headers"] = new JArray(definition.Headers.Select(h => new JObject { ["key"] = h.Key, ["value"] = h.Value })),
        };
        if (definition.AuthHeaderName != null)
        {
            config["authScheme"] = new JObject
            {
                ["type"] = "HEADER",
                ["key"] = definition.AuthHeaderName,
                ["value"] = definition.AuthHeaderValue,
            };
        }

        var events = new JObject
        {
            ["type"] = "EVENT_TYPE",
            ["items"] = new JArray(definition.EventTypes),
        };
        if (definition.Filter.Count > 0)
        {
            events["filter"] = new JObject
            {
                ["type"] = "EXPRESSION_LANGUAGE",
                ["eventFilterMap"] = new JArray(definition.Filter.Select(f => new JObject
                {
                    ["event"] = f.Event,
                    ["condition"] = new JObject { ["expression"] = f.Expression },
                })),
            };
        }

        var body = new JObject
        {
            ["name"] = definition.Name,
            ["events"] = events,
            ["channel"] = new JObject
            {
                ["type"] = "HTTP",
                ["version"] = "1.0.0",
                ["config"] = config,
            },
        };
        if (definition.Description != null)
        {
            body["description"] = definition.Description;
        }

        return body.ToString(Formatting.None);
    }

    private static T Parse<T>(string json)
        where T : JToken
    {
        var token = JsonConvert.DeserializeObject<JToken>(json, JsonSettings.Reading);
        return token as T ?? throw new JsonSerializationException(
            "Expected a JSON " + (typeof(T) == typeof(JArray) ? "array" : "object") + ".");
    }

    private static string? Text(JObject o, string name) =>
        o[name] is JValue v && v.Type != JTokenType.Null ? Convert.ToString(v.Value, CultureInfo.InvariantCulture) : null;

    private static DateTime? Date(JObject o, string name) =>
        DateTimeOffset.TryParse(Text(o, name), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
            ? when.LocalDateTime
            : (DateTime?)null;
}
