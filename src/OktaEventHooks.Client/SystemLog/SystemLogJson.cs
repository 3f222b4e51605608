using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json;
using OktaEventHooks.Client.EventHooks;

namespace OktaEventHooks.Client.SystemLog;

/// <summary>
/// Okta's System Log records (LogEvent), read loosely: a field that is missing, null, of another type or new is
/// never an error. Okta has published no example of an <c>event_hook.delivery</c> record, so the hook a record is
/// about is looked for in <c>target[]</c> and anywhere in <c>debugContext.debugData</c>.
/// A page is cut into its records' JSON texts and each is read in one streaming pass, without a token tree: a
/// record keeps only its own text, from which <see cref="EventHookLogRecord.Raw"/> is built if anyone asks.
/// </summary>
internal static class SystemLogJson
{
    private const int MaxDepth = 64;

    /// <summary>The records of one page; the page must be a JSON array, its elements that are not objects are skipped.</summary>
    public static List<(EventHookLogRecord Record, DateTimeOffset? Published)> ReadPage(string json)
    {
        var records = new List<(EventHookLogRecord, DateTimeOffset?)>();
        foreach (var element in ArrayElements(json))
        {
            if (element[0] == '{')
            {
                records.Add(Read(element));
            }
        }

        return records;
    }

    public static (EventHookLogRecord Record, DateTimeOffset? Published) Read(JObject o) =>
        Read((o ?? throw new ArgumentNullException(nameof(o))).ToString(Formatting.None));

    /// <summary>Reads one LogEvent from its JSON text (an object).</summary>
    public static (EventHookLogRecord Record, DateTimeOffset? Published) Read(string text)
    {
        var fields = new Fields();
        using (var reader = NewReader(text))
        {
            if (!reader.Read() || reader.TokenType != JsonToken.StartObject)
            {
                throw new JsonSerializationException("a System Log record is a JSON object");
            }

            ReadTopLevel(reader, fields);
        }

        var published = DateTimeOffset.TryParse(fields.Published, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : (DateTimeOffset?)null;
        // Hooks named by the record's targets first, then those found in debugData.
        var hooks = new List<(string Id, string? Name)>();
        foreach (var (id, name) in fields.TargetHooks.Concat(fields.DebugHooks))
        {
            Fields.Add(hooks, id, name);
        }

        // A lone hook named in debugData by keys such as eventHookName.
        if (hooks.Count == 1 && hooks[0].Name == null && fields.DebugHookName != null)
        {
            hooks[0] = (hooks[0].Id, fields.DebugHookName);
        }

        var record = new EventHookLogRecord
        {
            Uuid = fields.Uuid,
            Published = published?.LocalDateTime,
            EventType = fields.EventType ?? string.Empty,
            DisplayMessage = fields.DisplayMessage,
            Severity = fields.Severity,
            Outcome = fields.OutcomeResult,
            Reason = fields.OutcomeReason,
            TransactionId = fields.TransactionId,
            RequestId = fields.RequestId,
            Actor = fields.Actor,
            HookIds = hooks.Select(h => h.Id).ToArray(),
            HookId = hooks.Count > 0 ? hooks[0].Id : null,
            HookName = hooks.Select(h => h.Name).FirstOrDefault(n => n != null),
            RawFactory = () => ToDictionary(ParseObject(text)),
            RawJsonFactory = () => text,
        };
        return (record, published);
    }

    private static void ReadTopLevel(JsonReader reader, Fields fields)
    {
        foreach (var name in Properties(reader))
        {
            switch (name)
            {
                case "uuid": fields.Uuid = Scalar(reader); break;
                case "published": fields.Published = Scalar(reader); break;
                case "eventType": fields.EventType = Scalar(reader); break;
                case "displayMessage": fields.DisplayMessage = Scalar(reader); break;
                case "severity": fields.Severity = Scalar(reader); break;
                case "outcome":
                    foreach (var inner in Properties(reader))
                    {
                        switch (inner)
                        {
                            case "result": fields.OutcomeResult = Scalar(reader); break;
                            case "reason": fields.OutcomeReason = Scalar(reader); break;
                            default: reader.Skip(); break;
                        }
                    }

                    break;
                case "transaction":
                    foreach (var inner in Properties(reader))
                    {
                        if (inner == "id")
                        {
                            fields.TransactionId = Scalar(reader);
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }

                    break;
                case "actor":
                    fields.Actor = reader.TokenType == JsonToken.StartObject ? ReadActor(reader) : SkipAsNull<EventHookLogActor>(reader);
                    break;
                case "target":
                    ReadTargets(reader, fields);
                    break;
                case "debugContext":
                    foreach (var inner in Properties(reader))
                    {
                        if (inner == "debugData" && reader.TokenType == JsonToken.StartObject)
                        {
                            ReadDebugData(reader, fields);
                        }
                        else
                        {
                            reader.Skip();
                        }
                    }

                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
    }

    private static EventHookLogActor ReadActor(JsonReader reader)
    {
        var actor = new EventHookLogActor();
        foreach (var name in Properties(reader))
        {
            switch (name)
            {
                case "id": actor.Id = Scalar(reader); break;
                case "type": actor.Type = Scalar(reader); break;
                case "alternateId": actor.AlternateId = Scalar(reader); break;
                case "displayName": actor.DisplayName = Scalar(reader); break;
                default: reader.Skip(); break;
            }
        }

        return actor;
    }

    // A target is about a hook when its type says so (EventHook) or its id has the shape of a hook id.
    private static void ReadTargets(JsonReader reader, Fields fields)
    {
        if (reader.TokenType != JsonToken.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonToken.EndArray)
        {
            if (reader.TokenType != JsonToken.StartObject)
            {
                reader.Skip();
                continue;
            }

            string? id = null, type = null, displayName = null, alternateId = null;
            foreach (var name in Properties(reader))
            {
                switch (name)
                {
                    case "id": id = Scalar(reader); break;
                    case "type": type = Scalar(reader); break;
                    case "displayName": displayName = Scalar(reader); break;
                    case "alternateId": alternateId = Scalar(reader); break;
                    default: reader.Skip(); break;
                }
            }

            if (id != null && (EventHookRules.LooksLikeId(id) || (type != null && type.IndexOf("hook", StringComparison.OrdinalIgnoreCase) >= 0)))
            {
                Fields.Add(fields.TargetHooks, id, displayName ?? alternateId);
            }
        }
    }

    private static void ReadDebugData(JsonReader reader, Fields fields)
    {
        foreach (var name in Properties(reader))
        {
            if (reader.TokenType == JsonToken.StartObject || reader.TokenType == JsonToken.StartArray)
            {
                CollectHooks(reader, fields, 0);
                continue;
            }

            var value = Scalar(reader);
            if (value == null)
            {
                continue;
            }

            if (name == "requestId")
            {
                fields.RequestId = value;
            }
            else if (fields.DebugHookName == null && name.IndexOf("hook", StringComparison.OrdinalIgnoreCase) >= 0 && name.EndsWith("name", StringComparison.OrdinalIgnoreCase))
            {
                fields.DebugHookName = value;
            }

            CollectHooksInText(value, fields, 0);
        }
    }

    // Any value inside debugData: objects with a hook id (and a name beside it), and hook ids in any string.
    private static void CollectHooks(JsonReader reader, Fields fields, int depth)
    {
        switch (reader.TokenType)
        {
            case JsonToken.StartObject:
                string? id = null, hookName = null;
                foreach (var name in Properties(reader))
                {
                    if (reader.TokenType == JsonToken.StartObject || reader.TokenType == JsonToken.StartArray)
                    {
                        CollectHooks(reader, fields, depth + 1);
                        continue;
                    }

                    var value = Scalar(reader);
                    if (value == null)
                    {
                        continue;
                    }

                    if (name == "id")
                    {
                        id = value;
                    }
                    else if (name == "name" || (name == "displayName" && hookName == null))
                    {
                        hookName = value;
                    }

                    CollectHooksInText(value, fields, depth + 1);
                }

                if (EventHookRules.LooksLikeId(id))
                {
                    Fields.Add(fields.DebugHooks, id!, hookName);
                }

                break;
            case JsonToken.StartArray:
                while (reader.Read() && reader.TokenType != JsonToken.EndArray)
                {
                    if (reader.TokenType == JsonToken.StartObject || reader.TokenType == JsonToken.StartArray)
                    {
                        CollectHooks(reader, fields, depth + 1);
                    }
                    else if (Scalar(reader) is { } text)
                    {
                        CollectHooksInText(text, fields, depth + 1);
                    }
                }

                break;
            default:
                reader.Skip();
                break;
        }
    }

    // debugData values are strings in Okta's records; a list of hooks may be JSON inside one.
    private static void CollectHooksInText(string text, Fields fields, int depth)
    {
        if (text.IndexOf("who", StringComparison.Ordinal) < 0)
        {
            return;
        }

        var trimmed = text.TrimStart();
        if (depth < 8 && trimmed.Length > 1 && (trimmed[0] == '[' || trimmed[0] == '{'))
        {
            try
            {
                using var inner = NewReader(text);
                if (inner.Read())
                {
                    CollectHooks(inner, fields, depth + 1);
                }
            }
            catch (JsonException)
            {
                // Not JSON after all: the plain-text search below still finds the ids.
            }
        }

        foreach (var id in EventHookRules.IdsIn(text))
        {
            Fields.Add(fields.DebugHooks, id, null);
        }
    }

    /// <summary>The property names of the object the reader stands on, each with the reader on the property's value.</summary>
    private static IEnumerable<string> Properties(JsonReader reader)
    {
        if (reader.TokenType != JsonToken.StartObject)
        {
            reader.Skip();
            yield break;
        }

        while (reader.Read() && reader.TokenType == JsonToken.PropertyName)
        {
            var name = (string)reader.Value!;
            if (!reader.Read())
            {
                yield break;
            }

            yield return name;
        }
    }

    /// <summary>A scalar as text (numbers, booleans and times too); null for null, and objects and arrays are skipped.</summary>
    private static string? Scalar(JsonReader reader)
    {
        switch (reader.TokenType)
        {
            case JsonToken.StartObject:
            case JsonToken.StartArray:
            case JsonToken.StartConstructor:
                reader.Skip();
                return null;
            case JsonToken.Null:
            case JsonToken.Undefined:
                return null;
            default:
                return reader.Value switch
                {
                    null => null,
                    string text => text,
                    DateTime time => time.ToString("o", CultureInfo.InvariantCulture),
                    DateTimeOffset time => time.ToString("o", CultureInfo.InvariantCulture),
                    var other => Convert.ToString(other, CultureInfo.InvariantCulture),
                };
        }
    }

    private static T? SkipAsNull<T>(JsonReader reader)
        where T : class
    {
        reader.Skip();
        return null;
    }

    private static JsonTextReader NewReader(string text) =>
        new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, MaxDepth = MaxDepth };

    /// <summary>
    /// The JSON texts of a top-level array's elements, found by one scan of the characters (strings and nesting
    /// respected). An element that is not well-formed fails when it is read, not here.
    /// </summary>
    private static IEnumerable<string> ArrayElements(string json)
    {
        var i = SkipSpace(json, 0);
        if (i >= json.Length || json[i] != '[')
        {
            var kind = i >= json.Length ? "nothing" : json[i] == '{' ? "an object" : "'" + json[i] + "'";
            throw new JsonSerializationException($"a System Log page is a JSON array, not {kind}");
        }

        i = SkipSpace(json, i + 1);
        if (i < json.Length && json[i] == ']')
        {
            yield break;
        }

        while (i < json.Length)
        {
            var start = i;
            var depth = 0;
            var inString = false;
            for (; i < json.Length; i++)
            {
                var c = json[i];
                if (inString)
                {
                    if (c == '\\')
                    {
                        i++;
                    }
                    else if (c == '"')
                    {
                        inString = false;
                    }
                }
                else if (c == '"')
                {
                    inString = true;
                }
                else if (c == '{' || c == '[')
                {
                    depth++;
                }
                else if (c == '}' || c == ']')
                {
                    if (depth == 0)
                    {
                        break;
                    }

                    depth--;
                }
                else if (c == ',' && depth == 0)
                {
                    break;
                }
            }

            var end = i;
            while (end > start && char.IsWhiteSpace(json[end - 1]))
            {
                end--;
            }

            if (end == start || i >= json.Length)
            {
                throw new JsonSerializationException("a System Log page is not a complete JSON array");
            }

            yield return json.Substring(start, end - start);
            if (json[i] == ']')
            {
                yield break;
            }

            i = SkipSpace(json, i + 1);
        }

        throw new JsonSerializationException("a System Log page is not a complete JSON array");
    }

    private static int SkipSpace(string json, int i)
    {
        while (i < json.Length && char.IsWhiteSpace(json[i]))
        {
            i++;
        }

        return i;
    }

    private static JObject ParseObject(string text)
    {
        using var reader = NewReader(text);
        return JObject.Load(reader);
    }

    /// <summary>The record as plain .NET values: dictionaries (keys without regard to case), arrays and scalars.</summary>
    private static Dictionary<string, object?> ToDictionary(JObject o)
    {
        var result = new Dictionary<string, object?>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in o.Properties())
        {
            result[property.Name] = ToPlain(property.Value);
        }

        return result;
    }

    private static object? ToPlain(JToken token) => token switch
    {
        JObject obj => ToDictionary(obj),
        JArray array => array.Select(ToPlain).ToArray(),
        JValue value => value.Value,
        _ => token.ToString(Formatting.None),
    };

    /// <summary>What one streaming pass over a record found.</summary>
    private sealed class Fields
    {
        public string? Uuid { get; set; }
        public string? Published { get; set; }
        public string? EventType { get; set; }
        public string? DisplayMessage { get; set; }
        public string? Severity { get; set; }
        public string? OutcomeResult { get; set; }
        public string? OutcomeReason { get; set; }
        public string? TransactionId { get; set; }
        public string? RequestId { get; set; }
        public string? DebugHookName { get; set; }
        public EventHookLogActor? Actor { get; set; }
        public List<(string Id, string? Name)> TargetHooks { get; } = new List<(string Id, string? Name)>();
        public List<(string Id, string? Name)> DebugHooks { get; } = new List<(string Id, string? Name)>();

        /// <summary>Adds a hook once; a name found later fills in a missing one.</summary>
        public static void Add(List<(string Id, string? Name)> hooks, string id, string? name)
        {
            var at = hooks.FindIndex(h => h.Id == id);
            if (at < 0)
            {
                hooks.Add((id, name));
            }
            else if (hooks[at].Name == null && name != null)
            {
                hooks[at] = (id, name);
            }
        }
    }
}
