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

    private static string? Text(JToken? token) =>
        token is JValue v && v.Type != JTokenType.Null ? Convert.ToString(v.Value, CultureInfo.InvariantCulture) : null;
}
