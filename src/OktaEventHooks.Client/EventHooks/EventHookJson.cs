using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System;
using System.Runtime.CompilerServices;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OktaEventHooks.Client.Http;

namespace OktaEventHooks.Client.EventHooks;

/// <summary>Okta's JSON for event hooks, both directions.</summary>
internal static class EventHookJson
{
    /// <summary>Fields of a hook that only Okta writes: never sent back in a replace.</summary>
    private static readonly string[] ReadOnlyFields = { "id", "status", "verificationStatus", "created", "createdBy", "lastUpdated", "_links", "_embedded" };

    /// <summary>Okta's JSON of each hook as read, so that a replace can carry what this module does not model.</summary>
    private static readonly ConditionalWeakTable<EventHook, JObject> AsRead = new ConditionalWeakTable<EventHook, JObject>();

    public static EventHook ReadHook(string json) => ReadHook(Parse<JObject>(json), owned: true);

    public static IReadOnlyList<EventHook> ReadHookList(string json) =>
        Parse<JArray>(json).OfType<JObject>().Select(o => ReadHook(o, owned: true)).ToList();

    /// <summary>A hook from a JSON object the caller keeps (and may change): the copy kept as read is its own.</summary>
    public static EventHook ReadHook(JObject o) => ReadHook(o, owned: false);

    /// <param name="owned">True when nothing else holds <paramref name="o"/> (parsed here): it is kept as read without a copy.</param>
    private static EventHook ReadHook(JObject o, bool owned)
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
            // Read loosely: an item that is not text (an object, an array) is kept as its JSON and the hook marked
            // malformed, so that listing still works and nothing writes such a hook back.
            var items = events["items"] as JArray ?? new JArray();
            hook.Events.Items = items.Where(i => i.Type != JTokenType.Null)
                .Select(i => i is JValue value && value.Type == JTokenType.String ? (string)value! : i.ToString(Formatting.None))
                .ToList();
            var odd = items.Select((item, index) => (item, index)).FirstOrDefault(x => x.item.Type != JTokenType.String && x.item.Type != JTokenType.Null);
            if (odd.item != null)
            {
                hook.Malformed = $"events.items[{odd.index}] is {(odd.item.Type == JTokenType.Object ? "an object" : odd.item.Type == JTokenType.Array ? "an array" : "not text")}, not an event type name";
            }
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

        AsRead.Add(hook, owned ? o : (JObject)o.DeepClone());
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

    /// <summary>
    /// The PUT body that replaces <paramref name="asRead"/> with <paramref name="definition"/>. Okta's replace takes the
    /// whole object, so every field of the hook as read is carried (a field Okta adds later, a condition's version,
    /// channel.config.method), except those only Okta writes; only what the definition models is changed.
    /// </summary>
    public static string WriteReplacement(EventHookDefinition definition, EventHook? asRead)
    {
        var written = JObject.Parse(WriteDefinition(definition));
        if (asRead == null || !AsRead.TryGetValue(asRead, out var source))
        {
            return written.ToString(Formatting.None);
        }

        var body = (JObject)source.DeepClone();
        foreach (var field in ReadOnlyFields)
        {
            body.Remove(field);
        }

        Overlay(body, written);

        // What the definition models and leaves out is gone after the replace, as it would be without carrying.
        if (written["description"] == null)
        {
            body.Remove("description");
        }

        if (body["events"] is JObject events && written["events"]?["filter"] == null)
        {
            events.Remove("filter");
        }

        if (body["channel"]?["config"] is JObject config && written["channel"]?["config"]?["authScheme"] == null)
        {
            config.Remove("authScheme");
        }

        return body.ToString(Formatting.None);
    }

    /// <summary>Writes <paramref name="written"/> over <paramref name="target"/>: objects field by field, filter entries by event type, anything else whole.</summary>
    private static void Overlay(JObject target, JObject written)
    {
        foreach (var property in written.Properties())
        {
            if (property.Value is JObject inner && target[property.Name] is JObject existing && property.Name != "authScheme")
            {
                Overlay(existing, inner);
            }
            else if (property.Name == "eventFilterMap" && property.Value is JArray entries && target[property.Name] is JArray before)
            {
                var merged = new JArray();
                foreach (var entry in entries.OfType<JObject>())
                {
                    var match = before.OfType<JObject>().FirstOrDefault(b => JToken.DeepEquals(b["event"], entry["event"]));
                    var copy = match == null ? new JObject() : (JObject)match.DeepClone();
                    Overlay(copy, entry);
                    merged.Add(copy);
                }

                target[property.Name] = merged;
            }
            else
            {
                target[property.Name] = property.Value.DeepClone();
            }
        }
    }

    /// <summary>
    /// One JSON value read with <see cref="JsonSettings.Reading"/>'s rules (dates as text, depth 64, nothing but comments
    /// after it), straight into a token: every answer about a hook comes through here, and a serializer made per call
    /// (as JsonConvert does) costs more than the read.
    /// </summary>
    private static T Parse<T>(string json)
        where T : JToken
    {
        using var reader = new JsonTextReader(new StringReader(json ?? string.Empty))
        {
            DateParseHandling = JsonSettings.Reading.DateParseHandling,
            MaxDepth = JsonSettings.Reading.MaxDepth,
        };
        JToken? token = null;
        while (reader.Read())
        {
            if (reader.TokenType == JsonToken.Comment)
            {
                continue;
            }

            if (token != null)
            {
                throw new JsonReaderException("Additional text found after the JSON value.");
            }

            token = JToken.ReadFrom(reader);
        }

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
