using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace OktaEventHooks.Client;

/// <summary>
/// Okta's System Log records (LogEvent), read loosely: a field that is missing, null, of another type or new is
/// never an error. Okta has published no example of an <c>event_hook.delivery</c> record, so the hook a record is
/// about is looked for in <c>target[]</c> and anywhere in <c>debugContext.debugData</c>.
/// </summary>
internal static class SystemLogJson
{
    // Event hook ids are "who" and 17 letters or digits; inside longer text (a JSON list in a debugData string) too.
    private static readonly Regex HookIdPattern = new Regex(@"(?<![0-9A-Za-z])who[0-9A-Za-z]{17}(?![0-9A-Za-z])", RegexOptions.CultureInvariant);

    /// <summary>The records of one page; the page must be a JSON array, its elements that are not objects are skipped.</summary>
    public static List<(EventHookLogRecord Record, DateTimeOffset? Published)> ReadPage(string json)
    {
        JToken page;
        using (var reader = new JsonTextReader(new StringReader(json)) { DateParseHandling = DateParseHandling.None, MaxDepth = JsonSettings.Reading.MaxDepth })
        {
            page = JToken.ReadFrom(reader);
        }

        if (page is not JArray records)
        {
            throw new JsonSerializationException($"a System Log page is a JSON array, not {page.Type}");
        }

        return records.OfType<JObject>().Select(Read).ToList();
    }

    public static (EventHookLogRecord Record, DateTimeOffset? Published) Read(JObject o)
    {
        var published = DateTimeOffset.TryParse(Text(o["published"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at
            : (DateTimeOffset?)null;
        var outcome = o["outcome"] as JObject;
        var hooks = Hooks(o);
        var record = new EventHookLogRecord
        {
            Uuid = Text(o["uuid"]),
            Published = published?.LocalDateTime,
            EventType = Text(o["eventType"]) ?? string.Empty,
            DisplayMessage = Text(o["displayMessage"]),
            Severity = Text(o["severity"]),
            Outcome = Text(outcome?["result"]),
            Reason = Text(outcome?["reason"]),
            TransactionId = Text((o["transaction"] as JObject)?["id"]),
            RequestId = Text(DebugData(o)?["requestId"]),
            HookIds = hooks.Select(h => h.Id).ToArray(),
            HookId = hooks.FirstOrDefault().Id,
            HookName = hooks.Select(h => h.Name).FirstOrDefault(n => n != null),
            RawFactory = () => ToDictionary(o),
            RawJsonFactory = () => o.ToString(Formatting.None),
        };

        if (o["actor"] is JObject actor)
        {
            record.Actor = new EventHookLogActor
            {
                Id = Text(actor["id"]),
                Type = Text(actor["type"]),
                AlternateId = Text(actor["alternateId"]),
                DisplayName = Text(actor["displayName"]),
            };
        }

        return (record, published);
    }

    /// <summary>The hooks a record names: targets that are hooks first, then hook ids in debugData (with a name where one is beside it).</summary>
    private static List<(string Id, string? Name)> Hooks(JObject o)
    {
        var hooks = new List<(string Id, string? Name)>();
        void Add(string id, string? name)
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

        foreach (var target in (o["target"] as JArray)?.OfType<JObject>() ?? Enumerable.Empty<JObject>())
        {
            var id = Text(target["id"]);
            var type = Text(target["type"]);
            if (id != null && (EventHookClient.LooksLikeId(id) || (type != null && type.IndexOf("hook", StringComparison.OrdinalIgnoreCase) >= 0)))
            {
                Add(id, Text(target["displayName"]) ?? Text(target["alternateId"]));
            }
        }

        if (DebugData(o) is JObject debugData)
        {
            foreach (var (id, name) in HooksIn(debugData, depth: 0))
            {
                Add(id, name);
            }

            // A lone hook named in debugData by keys such as eventHookName.
            if (hooks.Count == 1 && hooks[0].Name == null)
            {
                var name = debugData.Properties()
                    .Where(p => p.Name.IndexOf("hook", StringComparison.OrdinalIgnoreCase) >= 0 && p.Name.EndsWith("name", StringComparison.OrdinalIgnoreCase))
                    .Select(p => Text(p.Value))
                    .FirstOrDefault(n => n != null);
                hooks[0] = (hooks[0].Id, name);
            }
        }

        return hooks;
    }

    private static IEnumerable<(string Id, string? Name)> HooksIn(JToken token, int depth)
    {
        if (depth > 8)
        {
            yield break;
        }

        switch (token)
        {
            case JObject obj:
                var ownId = Text(obj["id"]);
                if (EventHookClient.LooksLikeId(ownId))
                {
                    yield return (ownId!, Text(obj["name"]) ?? Text(obj["displayName"]));
                }

                foreach (var property in obj.Properties())
                {
                    foreach (var hook in HooksIn(property.Value, depth + 1))
                    {
                        yield return hook;
                    }
                }

                break;
            case JArray array:
                foreach (var item in array)
                {
                    foreach (var hook in HooksIn(item, depth + 1))
                    {
                        yield return hook;
                    }
                }

                break;
            case JValue { Type: JTokenType.String } value:
                var text = (string)value!;
                var trimmed = text.TrimStart();
                if (trimmed.StartsWith("[", StringComparison.Ordinal) || trimmed.StartsWith("{", StringComparison.Ordinal))
                {
                    // debugData values are strings; a list of hooks may be JSON inside one.
                    JToken? inner = null;
                    try
                    {
                        using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, MaxDepth = 16 };
                        inner = JToken.ReadFrom(reader);
                    }
                    catch (JsonException)
                    {
                        inner = null;
                    }

                    if (inner != null)
                    {
                        foreach (var hook in HooksIn(inner, depth + 1))
                        {
                            yield return hook;
                        }
                    }
                }

                foreach (Match match in HookIdPattern.Matches(text))
                {
                    yield return (match.Value, null);
                }

                break;
        }
    }

    private static JObject? DebugData(JObject o) => (o["debugContext"] as JObject)?["debugData"] as JObject;

    /// <summary>A scalar as text (numbers, booleans and times too); null for null, objects and arrays.</summary>
    private static string? Text(JToken? token) =>
        token is JValue value
            ? value.Value switch
            {
                null => null,
                DateTime time => time.ToString("o", CultureInfo.InvariantCulture),
                DateTimeOffset time => time.ToString("o", CultureInfo.InvariantCulture),
                var other => Convert.ToString(other, CultureInfo.InvariantCulture),
            }
            : null;

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
}
