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
    private static readonly ConditionalWeakTable<EventHook, HookAsRead> AsRead = new ConditionalWeakTable<EventHook, HookAsRead>();

    /// <summary>
    /// A hook from one answer's JSON, read field by field as it streams past (no token tree is built: this runs for
    /// every hook a command gets, and the tree cost more than the request). The text is kept, and made a tree only if
    /// the hook is replaced.
    /// </summary>
    public static EventHook ReadHook(string json)
    {
        using var reader = NewReader(json);
        if (!ReadPastComments(reader) || reader.TokenType != JsonToken.StartObject)
        {
            throw new JsonSerializationException("Expected a JSON object.");
        }

        var hook = ReadHookObject(reader);
        if (ReadPastComments(reader))
        {
            throw new JsonReaderException("Additional text found after the JSON value.");
        }

        AsRead.Add(hook, new HookAsRead(json));
        return hook;
    }

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

        using var reader = new JTokenReader(o);
        reader.Read();
        var hook = ReadHookObject(reader);
        AsRead.Add(hook, new HookAsRead(owned ? o : (JObject)o.DeepClone()));
        return hook;
    }

    /// <summary>
    /// Reads the hook object <paramref name="reader"/> is at, up to its end. The one home of how a hook is read, from an
    /// answer's text or from a token. Read loosely: a field of an unexpected kind is left at its default, a field Okta
    /// may add later is skipped, and of a field given twice the last counts, as in a token tree.
    /// </summary>
    private static EventHook ReadHookObject(JsonReader reader)
    {
        var hook = new EventHook();
        foreach (var name in Properties(reader))
        {
            switch (name)
            {
                case "id": hook.Id = Text(reader) ?? string.Empty; break;
                case "name": hook.Name = Text(reader) ?? string.Empty; break;
                case "description": hook.Description = Text(reader); break;
                case "status": hook.Status = Text(reader) ?? string.Empty; break;
                case "verificationStatus": hook.VerificationStatus = Text(reader) ?? string.Empty; break;
                case "created": hook.Created = Date(Text(reader)); break;
                case "createdBy": hook.CreatedBy = Text(reader); break;
                case "lastUpdated": hook.LastUpdated = Date(Text(reader)); break;
                case "events":
                    var (events, malformed) = IsObject(reader) ? ReadEvents(reader) : (new EventHookEvents(), null);
                    hook.Events = events;
                    hook.Malformed = malformed;
                    break;
                case "channel": hook.Channel = IsObject(reader) ? ReadChannel(reader) : new EventHookChannel(); break;
                case "_links": ReadLinks(reader, hook.Links); break;
                default: reader.Skip(); break;
            }
        }

        return hook;
    }

    private static (EventHookEvents Events, string? Malformed) ReadEvents(JsonReader reader)
    {
        var events = new EventHookEvents();
        string? malformed = null;
        foreach (var name in Properties(reader))
        {
            switch (name)
            {
                case "type": events.Type = Text(reader) ?? "EVENT_TYPE"; break;
                case "items": (events.Items, malformed) = ReadEventTypes(reader); break;
                case "filter": events.Filter = IsObject(reader) ? ReadFilter(reader) : null; break;
                default: reader.Skip(); break;
            }
        }

        return (events, malformed);
    }

    /// <summary>
    /// The event types, read loosely: an item that is not text (an object, an array) is kept as its JSON and the hook
    /// marked malformed, so that listing still works and nothing writes such a hook back.
    /// </summary>
    private static (List<string> Items, string? Malformed) ReadEventTypes(JsonReader reader)
    {
        var items = new List<string>();
        string? malformed = null;
        if (reader.TokenType != JsonToken.StartArray)
        {
            reader.Skip();
            return (items, null);
        }

        for (var index = 0; ReadInside(reader) && reader.TokenType != JsonToken.EndArray; index++)
        {
            switch (reader.TokenType)
            {
                case JsonToken.Null:
                    break;
                case JsonToken.String:
                    items.Add((string)reader.Value!);
                    break;
                default:
                    var kind = reader.TokenType == JsonToken.StartObject ? "an object" : reader.TokenType == JsonToken.StartArray ? "an array" : "not text";
                    items.Add(JToken.ReadFrom(reader).ToString(Formatting.None));
                    malformed ??= $"events.items[{index}] is {kind}, not an event type name";
                    break;
            }
        }

        return (items, malformed);
    }

    private static EventHookFilter ReadFilter(JsonReader reader)
    {
        var filter = new EventHookFilter();
        foreach (var name in Properties(reader))
        {
            switch (name)
            {
                case "type": filter.Type = Text(reader) ?? "EXPRESSION_LANGUAGE"; break;
                case "eventFilterMap": filter.EventFilterMap = ObjectsOf(reader, ReadFilterEntry); break;
                default: reader.Skip(); break;
            }
        }

        return filter;
    }

    private static EventHookFilterMapEntry ReadFilterEntry(JsonReader reader)
    {
        var entry = new EventHookFilterMapEntry();
        foreach (var name in Properties(reader))
        {
            switch (name)
            {
                case "event": entry.Event = Text(reader) ?? string.Empty; break;
                case "condition": entry.Expression = (IsObject(reader) ? ReadText(reader, "expression") : null) ?? string.Empty; break;
                default: reader.Skip(); break;
            }
        }

        return entry;
    }

    /// <summary>The text of one property of the object <paramref name="reader"/> is at (its last, if given twice); the rest is skipped.</summary>
    private static string? ReadText(JsonReader reader, string property)
    {
        string? text = null;
        foreach (var name in Properties(reader))
        {
            if (name == property)
            {
                text = Text(reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return text;
    }

    private static EventHookChannel ReadChannel(JsonReader reader)
    {
        var channel = new EventHookChannel();
        foreach (var name in Properties(reader))
        {
            switch (name)
            {
                case "type": channel.Type = Text(reader) ?? "HTTP"; break;
                case "version": channel.Version = Text(reader) ?? "1.0.0"; break;
                case "config": channel.Config = IsObject(reader) ? ReadConfig(reader) : new EventHookChannelConfig(); break;
                default: reader.Skip(); break;
            }
        }

        return channel;
    }

    private static EventHookChannelConfig ReadConfig(JsonReader reader)
    {
        var config = new EventHookChannelConfig();
        foreach (var name in Properties(reader))
        {
            switch (name)
            {
                case "uri": config.Uri = Text(reader); break;
                case "method": config.Method = Text(reader) ?? "POST"; break;
                case "headers": config.Headers = ObjectsOf(reader, ReadHeader); break;
                case "authScheme": config.AuthScheme = IsObject(reader) ? ReadAuthScheme(reader) : null; break;
                default: reader.Skip(); break;
            }
        }

        return config;
    }

    private static EventHookHeader ReadHeader(JsonReader reader)
    {
        var header = new EventHookHeader();
        foreach (var name in Properties(reader))
        {
            switch (name)
            {
                case "key": header.Key = Text(reader) ?? string.Empty; break;
                case "value": header.Value = Text(reader) ?? string.Empty; break;
                default: reader.Skip(); break;
            }
        }

        return header;
    }

    /// <summary>The value is write-only in Okta; even if a server sent one, it is not kept.</summary>
    private static EventHookAuthScheme ReadAuthScheme(JsonReader reader)
    {
        var scheme = new EventHookAuthScheme();
        foreach (var name in Properties(reader))
        {
            switch (name)
            {
                case "type": scheme.Type = Text(reader) ?? "HEADER"; break;
                case "key": scheme.Key = Text(reader) ?? string.Empty; break;
                default: reader.Skip(); break;
            }
        }

        return scheme;
    }

    /// <summary>Each link's href by its name; a name given twice keeps its first place and its last value, as in a token tree.</summary>
    private static void ReadLinks(JsonReader reader, IDictionary<string, string> links)
    {
        links.Clear();
        if (!IsObject(reader))
        {
            return;
        }

        var names = new List<string>();
        var hrefs = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var name in Properties(reader))
        {
            if (!hrefs.ContainsKey(name))
            {
                names.Add(name);
            }

            hrefs[name] = IsObject(reader) ? ReadText(reader, "href") : null;
        }

        foreach (var name in names)
        {
            if (hrefs[name] is string href)
            {
                links[name] = href;
            }
        }
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

        var body = source.Copy();
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
    /// after it) into a token tree: a list of hooks, or a hook's text when a replace needs it as a tree.
    /// </summary>
    private static T Parse<T>(string json)
        where T : JToken
    {
        using var reader = NewReader(json);
        var token = ReadPastComments(reader) ? JToken.ReadFrom(reader) : null;
        if (ReadPastComments(reader))
        {
            throw new JsonReaderException("Additional text found after the JSON value.");
        }

        return token as T ?? throw new JsonSerializationException(
            "Expected a JSON " + (typeof(T) == typeof(JArray) ? "array" : "object") + ".");
    }

    /// <summary>A reader with <see cref="JsonSettings.Reading"/>'s rules: dates stay text, at most 64 levels deep.</summary>
    private static JsonTextReader NewReader(string? json) =>
        new JsonTextReader(new StringReader(json ?? string.Empty))
        {
            DateParseHandling = JsonSettings.Reading.DateParseHandling,
            MaxDepth = JsonSettings.Reading.MaxDepth,
        };

    /// <summary>Moves to the next token that is not a comment; false at the end of the text.</summary>
    private static bool ReadPastComments(JsonReader reader)
    {
        while (reader.Read())
        {
            if (reader.TokenType != JsonToken.Comment)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The names of the properties of the object <paramref name="reader"/> is at, each with the reader at its value;
    /// the caller reads or skips the value. Ends with the reader at the object's end.
    /// </summary>
    private static IEnumerable<string> Properties(JsonReader reader)
    {
        while (ReadInside(reader) && reader.TokenType == JsonToken.PropertyName)
        {
            var name = (string)reader.Value!;
            ReadInside(reader);
            yield return name;
        }
    }

    /// <summary>Moves to the next token that is not a comment, inside an object or array: the text must not end there.</summary>
    private static bool ReadInside(JsonReader reader) =>
        ReadPastComments(reader) ? true : throw new JsonReaderException("Unexpected end of the JSON text.");

    /// <summary>The objects of the array <paramref name="reader"/> is at, each read by <paramref name="read"/>; anything else in it is skipped.</summary>
    private static List<T> ObjectsOf<T>(JsonReader reader, Func<JsonReader, T> read)
    {
        var list = new List<T>();
        if (reader.TokenType != JsonToken.StartArray)
        {
            reader.Skip();
            return list;
        }

        while (ReadInside(reader) && reader.TokenType != JsonToken.EndArray)
        {
            if (reader.TokenType == JsonToken.StartObject)
            {
                list.Add(read(reader));
            }
            else
            {
                reader.Skip();
            }
        }

        return list;
    }

    /// <summary>Whether the value the reader is at is an object; when it is not, the value is skipped.</summary>
    private static bool IsObject(JsonReader reader)
    {
        if (reader.TokenType == JsonToken.StartObject)
        {
            return true;
        }

        reader.Skip();
        return false;
    }

    /// <summary>A value as text, as a token tree gives it (a number or true as its text); null for null, an object or an array.</summary>
    private static string? Text(JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonToken.Null:
                return null;
            case JsonToken.StartObject:
            case JsonToken.StartArray:
                reader.Skip();
                return null;
            default:
                return Convert.ToString(reader.Value, CultureInfo.InvariantCulture);
        }
    }

    private static DateTime? Date(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
            ? when.LocalDateTime
            : (DateTime?)null;

    /// <summary>A hook's JSON as read: its text until a replace needs it as a tree, then the tree.</summary>
    private sealed class HookAsRead
    {
        private readonly string? _text;
        private JObject? _tree;

        public HookAsRead(string text) => _text = text;

        public HookAsRead(JObject tree) => _tree = tree;

        /// <summary>A tree of its own for the caller to change.</summary>
        public JObject Copy()
        {
            if (_text != null)
            {
                return Parse<JObject>(_text);
            }

            return (JObject)_tree!.DeepClone();
        }
    }
}
