using System.Text.Json;
using OktaEventHooks.Sandbox.Infrastructure;

namespace OktaEventHooks.Sandbox.Hooks;

/// <summary>
/// Result of reading a POST/PUT body: a definition and the requested <c>status</c> (null when the body had none),
/// or the causes for an E0000001, or "malformed" (E0000003).
/// </summary>
internal sealed record EventHookValidation(HookDefinition? Definition, string? Status, IReadOnlyList<string> Causes, bool Malformed)
{
    public static EventHookValidation NotWellFormed { get; } = new(null, null, [], true);
}

/// <summary>
/// Validates an event hook body the way Okta does (create and full replacement share the rules).
/// <c>status</c> is read (recorded: Okta honours it in a PUT) and must be ACTIVE or INACTIVE (OktaAssumptions A7).
/// The other read-only fields (id, verificationStatus, created, createdBy, lastUpdated, _links,
/// channel.config.method, condition.version) are ignored, as are unknown fields.
/// Each cause names the field it is about, <c>path: problem</c>, so callers can map it back (OktaAssumptions A14).
/// </summary>
internal sealed class EventHookValidator(EligibleEventTypes eligibleTypes)
{
    public const int MaxNameLength = 255;
    public const int MaxEventTypes = 300;
    public const int MaxUriLength = 1024;

    private const string Blank = "The field cannot be left blank.";

    /// <summary>Headers Okta itself controls on hook calls; a custom header may not override them.</summary>
    private static readonly string[] ReservedHeaders = ["Accept", "Content-Type", "Content-Length", "Host"];

    private static readonly JsonDocumentOptions ParseOptions = new()
    {
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 64,
    };

    private enum Presence
    {
        Missing,
        WrongType,
        Present,
    }

    public EventHookValidation Validate(string? body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return EventHookValidation.NotWellFormed;
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, ParseOptions);
        }
        catch (JsonException)
        {
            return EventHookValidation.NotWellFormed;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return EventHookValidation.NotWellFormed;
            }

            var causes = new List<string>();
            var status = ReadStatus(root, causes);
            var name = ReadName(root, causes);
            var description = ReadString(root, "description", "description", causes, out var text) == Presence.Present ? text : null;
            var (eventTypes, filter) = ReadEvents(root, causes);
            var channel = ReadChannel(root, causes);

            if (causes.Count > 0 || name is null || eventTypes is null || channel is null)
            {
                return new EventHookValidation(null, null, causes, false);
            }

            return new EventHookValidation(new HookDefinition(name, description, eventTypes, filter, channel), status, [], false);
        }
    }

    private static string? ReadStatus(JsonElement root, List<string> causes)
    {
        var presence = ReadString(root, "status", "status", causes, out var status);
        if (presence != Presence.Present)
        {
            return null;
        }

        if (status is not (HookStatus.Active or HookStatus.Inactive))
        {
            causes.Add(OktaAssumptions.StatusValueCause);
            return null;
        }

        return status;
    }

    private static string? ReadName(JsonElement root, List<string> causes)
    {
        var presence = ReadString(root, "name", "name", causes, out var name);
        if (presence == Presence.WrongType)
        {
            return null;
        }

        if (presence == Presence.Missing || string.IsNullOrWhiteSpace(name))
        {
            causes.Add($"name: {Blank}");
            return null;
        }

        if (name.Length > MaxNameLength)
        {
            causes.Add($"name: The field must be between 1 and {MaxNameLength} characters.");
            return null;
        }

        return name;
    }

    private (IReadOnlyList<string>? EventTypes, IReadOnlyList<HookEventFilter>? Filter) ReadEvents(JsonElement root, List<string> causes)
    {
        var presence = ReadObject(root, "events", "events", causes, out var events);
        if (presence == Presence.Missing)
        {
            causes.Add($"events: {Blank}");
        }

        if (presence != Presence.Present)
        {
            return (null, null);
        }

        RequireExact(events, "type", "events.type", "EVENT_TYPE", required: true, causes);
        var eventTypes = ReadEventTypes(events, causes);
        var filter = ReadFilter(events, eventTypes, causes);
        return (eventTypes, filter);
    }

    private List<string>? ReadEventTypes(JsonElement events, List<string> causes)
    {
        var presence = ReadArray(events, "items", "events.items", causes, out var items);
        if (presence == Presence.WrongType)
        {
            return null;
        }

        if (presence == Presence.Missing || items.GetArrayLength() == 0)
        {
            causes.Add($"events.items: {Blank}");
            return null;
        }

        var count = causes.Count;
        if (items.GetArrayLength() > MaxEventTypes)
        {
            causes.Add($"events.items: An event hook can subscribe to at most {MaxEventTypes} event types.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var types = new List<string>();
        foreach (var item in items.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                causes.Add("events.items: Every event type must be a string.");
                continue;
            }

            var type = item.GetString()!;
            if (string.IsNullOrWhiteSpace(type))
            {
                causes.Add("events.items: An event type cannot be left blank.");
            }
            else if (!seen.Add(type))
            {
                causes.Add($"events.items: '{type}' is listed more than once.");
            }
            else if (!eligibleTypes.IsEligible(type))
            {
                causes.Add($"events.items: '{type}' is not an event hook eligible event type.");
            }

            types.Add(type);
        }

        return causes.Count == count ? types : null;
    }

    private static List<HookEventFilter>? ReadFilter(JsonElement events, List<string>? eventTypes, List<string> causes)
    {
        if (ReadObject(events, "filter", "events.filter", causes, out var filter) != Presence.Present)
        {
            return null;
        }

        // filter.type is read-only in the spec, but Okta's own examples send it, so it is accepted when correct.
        RequireExact(filter, "type", "events.filter.type", "EXPRESSION_LANGUAGE", required: false, causes);

        var presence = ReadArray(filter, "eventFilterMap", "events.filter.eventFilterMap", causes, out var map);
        if (presence == Presence.WrongType)
        {
            return null;
        }

        if (presence == Presence.Missing || map.GetArrayLength() == 0)
        {
            causes.Add($"events.filter.eventFilterMap: {Blank}");
            return null;
        }

        var filters = new List<HookEventFilter>();
        var filtered = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var entry in map.EnumerateArray())
        {
            var path = $"events.filter.eventFilterMap[{index++}]";
            if (entry.ValueKind != JsonValueKind.Object)
            {
                causes.Add($"{path}: The field must be an object.");
                continue;
            }

            var eventType = ReadRequiredString(entry, "event", $"{path}.event", causes);
            if (eventType is not null)
            {
                if (eventTypes is not null && !eventTypes.Contains(eventType, StringComparer.Ordinal))
                {
                    causes.Add($"{path}.event: '{eventType}' is not one of events.items.");
                }
                else if (!filtered.Add(eventType))
                {
                    causes.Add($"{path}.event: '{eventType}' already has a filter.");
                }
            }

            string? expression = null;
            var conditionPresence = ReadObject(entry, "condition", $"{path}.condition", causes, out var condition);
            if (conditionPresence == Presence.Missing)
            {
                causes.Add($"{path}.condition: {Blank}");
            }
            else if (conditionPresence == Presence.Present)
            {
                expression = ReadRequiredString(condition, "expression", $"{path}.condition.expression", causes);
            }

            if (eventType is not null && expression is not null)
            {
                filters.Add(new HookEventFilter(eventType, expression));
            }
        }

        return filters;
    }

    private static HookChannel? ReadChannel(JsonElement root, List<string> causes)
    {
        var presence = ReadObject(root, "channel", "channel", causes, out var channel);
        if (presence == Presence.Missing)
        {
            causes.Add($"channel: {Blank}");
        }

        if (presence != Presence.Present)
        {
            return null;
        }

        RequireExact(channel, "type", "channel.type", "HTTP", required: true, causes);
        RequireExact(channel, "version", "channel.version", "1.0.0", required: true, causes);

        var configPresence = ReadObject(channel, "config", "channel.config", causes, out var config);
        if (configPresence == Presence.Missing)
        {
            causes.Add($"channel.config: {Blank}");
        }

        if (configPresence != Presence.Present)
        {
            return null;
        }

        var count = causes.Count;
        var uri = ReadUri(config, causes);
        var authScheme = ReadAuthScheme(config, causes);
        var headers = ReadHeaders(config, authScheme?.Key, causes);
        return causes.Count == count && uri is not null ? new HookChannel(uri, headers, authScheme) : null;
    }

    private static string? ReadUri(JsonElement config, List<string> causes)
    {
        const string Path = "channel.config.uri";
        var uri = ReadRequiredString(config, "uri", Path, causes);
        if (uri is null)
        {
            return null;
        }

        if (uri.Length > MaxUriLength)
        {
            causes.Add($"{Path}: The URI must be at most {MaxUriLength} characters.");
            return null;
        }

        if (uri.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            causes.Add($"{Path}: The URI must not contain whitespace.");
            return null;
        }

        if (!Uri.TryCreate(uri, UriKind.Absolute, out var parsed) || string.IsNullOrEmpty(parsed.Host))
        {
            causes.Add($"{Path}: The URI must be an absolute URI.");
            return null;
        }

        // Okta requires https. Plain http is let through for loopback only, so local receivers
        // (including this sandbox's own /receiver) can be verified without certificates.
        var secure = parsed.Scheme == Uri.UriSchemeHttps;
        var localHttp = parsed.Scheme == Uri.UriSchemeHttp && LoopbackAddress.IsLoopbackHost(parsed);
        if (!secure && !localHttp)
        {
            causes.Add($"{Path}: The URI must use the https scheme.");
            return null;
        }

        return uri;
    }

    private static HookAuthScheme? ReadAuthScheme(JsonElement config, List<string> causes)
    {
        const string Path = "channel.config.authScheme";
        if (ReadObject(config, "authScheme", Path, causes, out var scheme) != Presence.Present)
        {
            return null;
        }

        var count = causes.Count;
        RequireExact(scheme, "type", $"{Path}.type", "HEADER", required: true, causes);
        var key = ReadRequiredString(scheme, "key", $"{Path}.key", causes);
        if (key is not null)
        {
            CheckHeaderName(key, $"{Path}.key", causes);
        }

        // Okta never returns the secret, and what it does with an authScheme lacking one is undocumented.
        // The sandbox insists on it so a client that silently drops the secret on update is caught (OktaAssumptions A4).
        var value = ReadRequiredString(scheme, "value", $"{Path}.value", causes);
        if (value is not null)
        {
            CheckHeaderValue(value, $"{Path}.value", causes);
        }

        return causes.Count == count && key is not null && value is not null ? new HookAuthScheme(key, value) : null;
    }

    private static List<HookHeader> ReadHeaders(JsonElement config, string? authKey, List<string> causes)
    {
        const string Path = "channel.config.headers";
        var headers = new List<HookHeader>();
        if (ReadArray(config, "headers", Path, causes, out var array) != Presence.Present)
        {
            return headers;
        }

        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var index = 0;
        foreach (var entry in array.EnumerateArray())
        {
            var path = $"{Path}[{index++}]";
            if (entry.ValueKind != JsonValueKind.Object)
            {
                causes.Add($"{path}: The field must be an object.");
                continue;
            }

            var key = ReadRequiredString(entry, "key", $"{path}.key", causes);
            if (key is not null && CheckHeaderName(key, $"{path}.key", causes))
            {
                if (authKey is not null && string.Equals(key, authKey, StringComparison.OrdinalIgnoreCase))
                {
                    causes.Add($"{path}.key: '{key}' is already set by channel.config.authScheme.");
                }
                else if (!keys.Add(key))
                {
                    causes.Add($"{path}.key: '{key}' is listed more than once.");
                }
            }

            // An empty header value is legal HTTP; only a missing or non-string one is not.
            var valuePresence = ReadString(entry, "value", $"{path}.value", causes, out var value);
            if (valuePresence == Presence.Missing)
            {
                causes.Add($"{path}.value: The field is required.");
            }
            else if (valuePresence == Presence.Present)
            {
                CheckHeaderValue(value, $"{path}.value", causes);
            }

            if (key is not null && valuePresence == Presence.Present)
            {
                headers.Add(new HookHeader(key, value));
            }
        }

        return headers;
    }

    /// <summary>A header name must be an RFC 9110 token and not one Okta reserves.</summary>
    private static bool CheckHeaderName(string key, string path, List<string> causes)
    {
        if (!key.All(IsTokenChar))
        {
            causes.Add($"{path}: '{key}' is not a valid HTTP header name.");
            return false;
        }

        if (ReservedHeaders.Contains(key, StringComparer.OrdinalIgnoreCase))
        {
            causes.Add($"{path}: '{key}' is a reserved header and cannot be set.");
            return false;
        }

        return true;
    }

    // A line break in a header value would let a caller inject extra headers into the calls Okta makes.
    private static void CheckHeaderValue(string value, string path, List<string> causes)
    {
        if (value.Any(c => char.IsControl(c) && c != '\t'))
        {
            causes.Add($"{path}: The header value must not contain line breaks or control characters.");
        }
    }

    private static bool IsTokenChar(char c) =>
        char.IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".Contains(c, StringComparison.Ordinal);

    private static void RequireExact(JsonElement parent, string property, string path, string expected, bool required, List<string> causes)
    {
        var presence = ReadString(parent, property, path, causes, out var value);
        if (presence == Presence.Missing && required)
        {
            causes.Add($"{path}: {Blank}");
        }
        else if (presence == Presence.Present && !string.Equals(value, expected, StringComparison.Ordinal))
        {
            causes.Add($"{path}: The only supported value is {expected}.");
        }
    }

    private static string? ReadRequiredString(JsonElement parent, string property, string path, List<string> causes)
    {
        var presence = ReadString(parent, property, path, causes, out var value);
        if (presence == Presence.WrongType)
        {
            return null;
        }

        if (presence == Presence.Missing || string.IsNullOrWhiteSpace(value))
        {
            causes.Add($"{path}: {Blank}");
            return null;
        }

        return value;
    }

    // Absent and JSON null mean the same thing (Okta renders unset optional fields as null).
    private static Presence ReadString(JsonElement parent, string property, string path, List<string> causes, out string value)
    {
        value = string.Empty;
        if (!parent.TryGetProperty(property, out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return Presence.Missing;
        }

        if (element.ValueKind != JsonValueKind.String)
        {
            causes.Add($"{path}: The field must be a string.");
            return Presence.WrongType;
        }

        value = element.GetString()!;
        return Presence.Present;
    }

    private static Presence ReadObject(JsonElement parent, string property, string path, List<string> causes, out JsonElement value) =>
        ReadKind(parent, property, path, JsonValueKind.Object, "an object", causes, out value);

    private static Presence ReadArray(JsonElement parent, string property, string path, List<string> causes, out JsonElement value) =>
        ReadKind(parent, property, path, JsonValueKind.Array, "an array", causes, out value);

    private static Presence ReadKind(JsonElement parent, string property, string path, JsonValueKind kind, string kindName, List<string> causes, out JsonElement value)
    {
        if (!parent.TryGetProperty(property, out value) || value.ValueKind == JsonValueKind.Null)
        {
            return Presence.Missing;
        }

        if (value.ValueKind != kind)
        {
            causes.Add($"{path}: The field must be {kindName}.");
            return Presence.WrongType;
        }

        return Presence.Present;
    }
}
