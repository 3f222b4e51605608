using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System;
using Newtonsoft.Json.Linq;
using Newtonsoft.Json;
using OktaEventHooks.Client.Http;

namespace OktaEventHooks.Client.EventHooks;

/// <summary>
/// The desired-state file of Export/Import-OktaEventHook: a versioned envelope around hooks in Okta's own JSON
/// shape, so a file reads like the API. Secrets are never written; where one is needed the file says so.
/// </summary>
public static class EventHookDocument
{
    public const int SchemaVersion = 1;

    /// <summary>
    /// The document for <paramref name="hooks"/>. <paramref name="secretPlaceholder"/> gives, per hook name, the
    /// text written where the auth header value would be.
    /// </summary>
    public static string Write(IEnumerable<EventHook> hooks, Uri exportedFrom, DateTime exportedAtUtc, Func<string, string> secretPlaceholder)
    {
        if (hooks == null)
        {
            throw new ArgumentNullException(nameof(hooks));
        }

        if (secretPlaceholder == null)
        {
            throw new ArgumentNullException(nameof(secretPlaceholder));
        }

        var entries = new JArray();
        foreach (var hook in hooks)
        {
            var definition = EventHookDefinition.From(hook);
            definition.AuthHeaderValue = definition.AuthHeaderName == null ? null : secretPlaceholder(hook.Name);
            var okta = JObject.Parse(EventHookJson.WriteDefinition(definition));

            // Okta's own property order, with the status the create/lifecycle calls must reproduce.
            var entry = new JObject { ["name"] = okta["name"] };
            if (okta["description"] != null)
            {
                entry["description"] = okta["description"];
            }

            entry["status"] = hook.Status;
            entry["events"] = okta["events"];
            entry["channel"] = okta["channel"];
            entries.Add(entry);
        }

        var document = new JObject
        {
            ["schemaVersion"] = SchemaVersion,
            ["exportedFrom"] = exportedFrom?.ToString().TrimEnd('/'),
            ["exportedAt"] = exportedAtUtc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["eventHooks"] = entries,
        };
        return document.ToString(Formatting.Indented);
    }

    /// <summary>The hooks a document asks for. Throws <see cref="InvalidDataException"/> naming the entry and field at fault.</summary>
    public static IReadOnlyList<DesiredEventHook> Read(string json)
    {
        JObject document;
        try
        {
            document = JsonConvert.DeserializeObject<JToken>(json ?? string.Empty, JsonSettings.Reading) as JObject
                ?? throw new InvalidDataException("The file is not a JSON object.");
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException("The file is not valid JSON: " + ex.Message, ex);
        }

        // Compared as text: a number too large for an int is still a version this module does not read.
        var version = document["schemaVersion"] is JValue v && v.Type != JTokenType.Null ? Convert.ToString(v.Value, CultureInfo.InvariantCulture) : null;
        if (version != SchemaVersion.ToString(CultureInfo.InvariantCulture) || document["schemaVersion"]!.Type != JTokenType.Integer)
        {
            var shown = version == null ? "(none)"
                : document["schemaVersion"]!.Type != JTokenType.Integer ? $"'{(version.Length > 20 ? version.Substring(0, 20) + "..." : version)}' (not a whole number)"
                : version.Length > 20 ? version.Substring(0, 20) + "..." : version;
            throw new InvalidDataException(
                $"The file has schemaVersion {shown}; this module reads schemaVersion {SchemaVersion}, as Export-OktaEventHook writes it.");
        }

        if (!(document["eventHooks"] is JArray entries))
        {
            throw new InvalidDataException("The file has no 'eventHooks' array.");
        }

        CheckShape(document, EnvelopeShape, "the file", string.Empty);
        var hooks = new List<DesiredEventHook>();
        for (var i = 0; i < entries.Count; i++)
        {
            hooks.Add(ReadEntry(entries[i] as JObject, i));
        }

        var duplicate = hooks.GroupBy(h => h.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate != null)
        {
            throw new InvalidDataException($"The file names '{duplicate.Key}' {duplicate.Count()} times; hooks are matched by name, so names must be unique.");
        }

        return hooks;
    }

    private static DesiredEventHook ReadEntry(JObject? entry, int index)
    {
        var at = $"eventHooks[{index}]";
        if (entry == null)
        {
            throw new InvalidDataException($"{at} is not an object.");
        }

        var name = Text(entry["name"]);
        if (string.IsNullOrWhiteSpace(name))
        {
            throw new InvalidDataException($"{at} has no 'name'.");
        }

        at += $" ('{name}')";
        CheckShape(entry, EntryShape, at, string.Empty);
        var status = Text(entry["status"]) ?? EventHookStatus.Active;
        if (status != EventHookStatus.Active && status != EventHookStatus.Inactive)
        {
            throw new InvalidDataException($"{at}: 'status' is '{status}'. Allowed: ACTIVE or INACTIVE.");
        }

        // Okta's reader already knows this shape; the envelope fields it ignores (status, secret placeholder) are handled here.
        EventHook parsed;
        try
        {
            parsed = EventHookJson.ReadHook(entry);
        }
        catch (Exception ex) when (ex is JsonException || ex is FormatException || ex is InvalidCastException || ex is ArgumentException)
        {
            throw new InvalidDataException($"{at}: {ex.Message}", ex);
        }

        if (parsed.Events.Items.Count == 0)
        {
            throw new InvalidDataException($"{at}: 'events.items' lists no event type.");
        }

        if (string.IsNullOrWhiteSpace(parsed.Channel.Config.Uri))
        {
            throw new InvalidDataException($"{at}: 'channel.config.uri' is missing.");
        }

        if (parsed.Channel.Config.AuthScheme is EventHookAuthScheme auth && string.IsNullOrWhiteSpace(auth.Key))
        {
            throw new InvalidDataException($"{at}: 'channel.config.authScheme.key' is empty.");
        }

        var definition = EventHookDefinition.From(parsed);
        definition.Description = string.IsNullOrEmpty(definition.Description) ? null : definition.Description;
        return new DesiredEventHook(definition, status);
    }

    /// <summary>What a JSON value of the file must be: its type, whether null is allowed, and the fields of an object or the items of an array.</summary>
    private sealed class Shape
    {
        public Shape(JTokenType type, bool nullable = false, Dictionary<string, Shape>? fields = null, Shape? items = null)
        {
            Type = type;
            Nullable = nullable;
            Fields = fields;
            Items = items;
        }

        public JTokenType Type { get; }
        public bool Nullable { get; }
        public Dictionary<string, Shape>? Fields { get; }
        public Shape? Items { get; }

        public string Describe() => Type switch
        {
            JTokenType.Object => "an object",
            JTokenType.Array => "an array",
            JTokenType.Integer => "a whole number",
            _ => "text",
        } + (Nullable ? " or null" : string.Empty);
    }

    private static Shape TextShape(bool nullable = false) => new Shape(JTokenType.String, nullable);

    private static Shape ArrayOf(Shape items) => new Shape(JTokenType.Array, items: items);

    private static Shape Object(bool nullable, params (string Name, Shape Shape)[] fields) =>
        new Shape(JTokenType.Object, nullable, fields.ToDictionary(f => f.Name, f => f.Shape, StringComparer.Ordinal));

    private static readonly Shape FilterShape = Object(
        true,
        ("type", TextShape()),
        ("eventFilterMap", ArrayOf(Object(false, ("event", TextShape()), ("condition", Object(false, ("expression", TextShape()), ("version", TextShape(nullable: true))))))));

    private static readonly Shape ConfigShape = Object(
        false,
        ("uri", TextShape()),
        ("headers", ArrayOf(Object(false, ("key", TextShape()), ("value", TextShape())))),
        ("authScheme", Object(true, ("type", TextShape()), ("key", TextShape()), ("value", TextShape()))));

    /// <summary>
    /// Exactly what Export-OktaEventHook writes (names compared with case), plus a condition's version as Okta itself
    /// writes it: an entry in any other shape stops the import.
    /// </summary>
    private static readonly Shape EntryShape = Object(
        false,
        ("name", TextShape()),
        ("description", TextShape(nullable: true)),
        ("status", TextShape()),
        ("events", Object(false, ("type", TextShape()), ("items", ArrayOf(TextShape())), ("filter", FilterShape))),
        ("channel", Object(false, ("type", TextShape()), ("version", TextShape()), ("config", ConfigShape))));

    private static readonly Shape EnvelopeShape = Object(
        false,
        ("schemaVersion", new Shape(JTokenType.Integer)),
        ("exportedFrom", TextShape(nullable: true)),
        ("exportedAt", TextShape(nullable: true)),
        ("eventHooks", new Shape(JTokenType.Array)));

    /// <summary>
    /// Throws <see cref="InvalidDataException"/> for the first field of <paramref name="token"/> that is not where or
    /// what Export-OktaEventHook writes: a misspelt name (compared with case) or a value of another type would
    /// otherwise be read as "no such field", and an import would then delete a secret, a header or a filter.
    /// </summary>
    private static void CheckShape(JToken token, Shape shape, string at, string path)
    {
        if (token.Type == JTokenType.Null && (shape.Nullable || path.Length == 0))
        {
            return;
        }

        var typeMatches = token.Type == shape.Type || (shape.Type == JTokenType.String && token.Type == JTokenType.String);
        if (!typeMatches)
        {
            throw new InvalidDataException($"{at}: '{path}' is {Describe(token)}. Allowed: {shape.Describe()}, as Export-OktaEventHook writes it.");
        }

        if (token is JObject o && shape.Fields != null)
        {
            foreach (var property in o.Properties())
            {
                var where = path.Length == 0 ? property.Name : path + "." + property.Name;
                if (!shape.Fields.TryGetValue(property.Name, out var field))
                {
                    var meant = shape.Fields.Keys.FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase));
                    throw new InvalidDataException(
                        $"{at}: '{EventHookRules.Printable(where)}' is not a field Export-OktaEventHook writes" +
                        (meant != null ? $" (names are case-sensitive: '{meant}')" : string.Empty) +
                        $". Allowed here: {string.Join(", ", shape.Fields.Keys)}.");
                }

                // The envelope's eventHooks entries are checked one by one, with the entry's name in the message.
                if (!(ReferenceEquals(shape, EnvelopeShape) && property.Name == "eventHooks"))
                {
                    CheckShape(property.Value, field, at, where);
                }
            }
        }
        else if (token is JArray array && shape.Items != null)
        {
            for (var i = 0; i < array.Count; i++)
            {
                CheckShape(array[i], shape.Items, at, $"{path}[{i}]");
            }
        }
    }

    private static string Describe(JToken token) => token.Type switch
    {
        JTokenType.Object => "an object",
        JTokenType.Array => "an array",
        JTokenType.String => "text",
        JTokenType.Null => "null",
        JTokenType.Boolean => "true or false",
        JTokenType.Integer or JTokenType.Float => "a number",
        _ => token.Type.ToString(),
    };


    private static string? Text(JToken? token) =>
        token is JValue v && v.Type != JTokenType.Null ? Convert.ToString(v.Value, CultureInfo.InvariantCulture) : null;
}
