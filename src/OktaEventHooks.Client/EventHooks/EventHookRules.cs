using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using OktaEventHooks.Client.Errors;
using OktaEventHooks.Client.Http;

namespace OktaEventHooks.Client.EventHooks;

/// <summary>
/// The rules of an event hook in one place: Okta's limits, the checks a definition must pass before anything is
/// sent, and what differs between two definitions. New, Set, Import, Export and the endpoint test all use these.
/// </summary>
public static class EventHookRules
{
    /// <summary>Okta: a name of 1 to 255 characters.</summary>
    public const int MaxNameLength = 255;

    /// <summary>Okta: at most 300 event types per hook.</summary>
    public const int MaxEventTypes = 300;

    /// <summary>Okta: at most 25 ACTIVE (and verified) event hooks per org (10 before July 2024).</summary>
    public const int MaxActiveHooks = 25;

    /// <summary>Okta: an endpoint of at most 1024 characters.</summary>
    public const int MaxUriLength = 1024;

    /// <summary>Longest event type name accepted; Okta's longest is under 100 characters.</summary>
    public const int MaxEventTypeLength = 255;

    /// <summary>Not documented by Okta; a bound of ours so that a runaway value is never sent.</summary>
    public const int MaxDescriptionLength = 4096;

    /// <summary>Not documented by Okta; bounds of ours for custom headers.</summary>
    public const int MaxHeaders = 50;

    public const int MaxHeaderNameLength = 256;

    public const int MaxHeaderValueLength = 4096;

    /// <summary>Not documented by Okta; a bound of ours for one Expression Language condition.</summary>
    public const int MaxFilterExpressionLength = 4096;

    /// <summary>The header Okta sends the secret in unless told otherwise.</summary>
    public const string DefaultAuthHeaderName = "Authorization";

    /// <summary>Headers that carry the HTTP conversation itself; Okta sets them.</summary>
    private static readonly string[] ReservedHeaders =
    {
        "Accept", "Content-Type", "Content-Length", "Content-Encoding", "Host", "Transfer-Encoding", "Connection", "User-Agent",
        "Expect", "Upgrade", "TE", "Trailer", "Keep-Alive", "Proxy-Connection",
        "X-Okta-Verification-Challenge", "X-Okta-Request-Id",
    };

    /// <summary>What an allowed event type name looks like, for messages.</summary>
    public const string EventTypeAllowed = "Allowed: event-hook-eligible event type names such as user.lifecycle.create.";

    /// <summary>Every problem of <paramref name="definition"/>, each naming its field; empty when it may be sent.</summary>
    public static IReadOnlyList<EventHookProblem> Validate(EventHookDefinition definition)
    {
        if (definition == null)
        {
            throw new ArgumentNullException(nameof(definition));
        }

        var problems = new List<EventHookProblem>();
        void Add(string field, string? message)
        {
            if (message != null)
            {
                problems.Add(new EventHookProblem(field, message));
            }
        }

        Add(EventHookField.Name, NameProblem(definition.Name));
        Add(EventHookField.Uri, UriProblem(definition.Uri));
        Add(EventHookField.Description, DescriptionProblem(definition.Description));
        Add(EventHookField.EventType, EventTypesProblem(definition.EventTypes));
        Add(EventHookField.AuthHeaderName, definition.AuthHeaderName == null ? null : AuthHeaderNameProblem(definition.AuthHeaderName));
        Add(EventHookField.AuthHeaderValue, definition.AuthHeaderValue == null ? null : SecretProblem(definition.AuthHeaderValue));
        Add(EventHookField.Header, HeadersProblem(definition.Headers, definition.AuthHeaderName));
        Add(EventHookField.Filter, FilterProblem(definition.Filter, definition.EventTypes));
        return problems;
    }

    /// <summary>Null when <paramref name="id"/> can name an event hook in a request path, else what is wrong with it.</summary>
    public static string? IdProblem(string? id)
    {
        const string Allowed = "Allowed: an Okta event hook id, 1 to 64 letters and digits such as who4k2Zq7RmT9xPcN1d7.";
        if (string.IsNullOrWhiteSpace(id))
        {
            return "The id is empty. " + Allowed;
        }

        if (id!.Length > MaxIdLength)
        {
            return $"The id has {id.Length} characters. " + Allowed;
        }

        return id.All(IsAsciiLetterOrDigit) ? null : $"'{Printable(id)}' is not an event hook id. " + Allowed;
    }

    /// <summary>True when <paramref name="text"/> has the shape of an event hook id (<c>who</c> and 17 letters or digits).</summary>
    public static bool LooksLikeId(string? text) =>
        text != null && text.Length == IdLength && text.StartsWith(IdPrefix, StringComparison.Ordinal) && text.All(IsAsciiLetterOrDigit);

    /// <summary>The event hook ids that stand in <paramref name="text"/> (a JSON list inside a debugData string, say).</summary>
    public static IEnumerable<string> IdsIn(string text) => IdInText.Matches(text).Cast<Match>().Select(m => m.Value);

    /// <summary>Okta's event hook ids: "who" and 17 letters or digits.</summary>
    private const string IdPrefix = "who";
    private const int IdLength = 20;

    private static readonly Regex IdInText = new Regex(
        $"(?<![0-9A-Za-z]){IdPrefix}[0-9A-Za-z]{{{IdLength - IdPrefix.Length}}}(?![0-9A-Za-z])", RegexOptions.CultureInvariant);

    /// <summary>Longest id accepted: Okta's ids have 20 characters.</summary>
    public const int MaxIdLength = 64;

    public static string? NameProblem(string? name)
    {
        const string Allowed = "Allowed: 1 to 255 characters without control characters.";
        if (string.IsNullOrWhiteSpace(name))
        {
            return "The name is empty. " + Allowed;
        }

        if (name!.Length > MaxNameLength)
        {
            return $"The name has {name.Length} characters. " + Allowed;
        }

        return HasControlOrFormatCharacter(name) ? "The name contains a control or text-direction character. " + Allowed : null;
    }

    public static string? DescriptionProblem(string? description)
    {
        if (description == null)
        {
            return null;
        }

        if (description.Length > MaxDescriptionLength)
        {
            return $"The description has {description.Length} characters. Allowed: at most {MaxDescriptionLength}.";
        }

        return description.Any(c => char.IsControl(c) && c != '\n' && c != '\r' && c != '\t')
            ? "The description contains a control character. Allowed: text, line breaks and tabs."
            : null;
    }

    /// <summary>A hook endpoint: absolute https:// (http:// only to loopback), at most 1024 characters, no whitespace, no user info, no fragment.</summary>
    public static string? UriProblem(string? value)
    {
        const string Allowed = "Allowed: an absolute https:// URI of at most 1024 characters, without spaces, user name, password or fragment (http:// only to localhost, 127.0.0.0/8 or ::1).";
        if (string.IsNullOrWhiteSpace(value))
        {
            return "The URI is empty. " + Allowed;
        }

        if (value!.Length > MaxUriLength)
        {
            return $"The URI has {value.Length} characters. " + Allowed;
        }

        if (value.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return "The URI contains whitespace or a control character. " + Allowed;
        }

        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            return $"'{Shown(value)}' is not an absolute URI. " + Allowed;
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            // Never repeat the credentials in the message.
            return "The URI contains a user name or password. " + Allowed;
        }

        if (value.IndexOf('#') >= 0)
        {
            return "The URI has a fragment (#...), which is never sent to a server. " + Allowed;
        }

        // The rule is said once, in Allowed; here only what this value does wrong.
        if (uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && OrgUrl.IsLoopback(uri)))
        {
            return null;
        }

        return uri.Scheme == Uri.UriSchemeHttp
            ? $"'{Shown(value)}' uses http:// to a host that is not loopback. " + Allowed
            : $"'{Shown(value)}' uses the {uri.Scheme}: scheme. " + Allowed;
    }

    public static string? EventTypeProblem(string? eventType)
    {
        if (string.IsNullOrWhiteSpace(eventType))
        {
            return "An event type is empty. " + EventTypeAllowed;
        }

        if (eventType!.Length > MaxEventTypeLength)
        {
            return $"An event type has {eventType.Length} characters. " + EventTypeAllowed;
        }

        return eventType.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))
            ? $"The event type '{eventType}' contains whitespace or a control character. " + EventTypeAllowed
            : null;
    }

    public static string? EventTypesProblem(IReadOnlyCollection<string>? eventTypes)
    {
        var count = eventTypes?.Distinct(StringComparer.Ordinal).Count() ?? 0;
        if (count == 0)
        {
            return $"The hook has no event type. Allowed: 1 to {MaxEventTypes} event types.";
        }

        if (count > MaxEventTypes)
        {
            return $"The hook has {count} event types. Allowed: 1 to {MaxEventTypes}.";
        }

        return eventTypes!.Select(EventTypeProblem).FirstOrDefault(p => p != null);
    }

    /// <summary>A header name as HTTP allows it (an RFC 9110 token), at most 256 characters.</summary>
    public static string? HeaderNameProblem(string? name)
    {
        const string Allowed = "Allowed: letters, digits and !#$%&'*+-.^_`|~ (an HTTP header name), e.g. X-Source.";
        if (string.IsNullOrEmpty(name) || string.IsNullOrWhiteSpace(name))
        {
            return "A header name is empty. " + Allowed;
        }

        if (name!.Length > MaxHeaderNameLength)
        {
            return $"A header name has {name.Length} characters. " + Allowed;
        }

        var bad = name.IndexOf(name.FirstOrDefault(c => !IsTokenCharacter(c)));
        return name.All(IsTokenCharacter) ? null : $"'{Printable(name)}' is not an HTTP header name ({Describe(name[bad])} is not allowed). " + Allowed;
    }

    /// <summary>The name of the auth header: a header name, and not one that carries the HTTP conversation itself.</summary>
    public static string? AuthHeaderNameProblem(string? name) =>
        HeaderNameProblem(name) ?? (ReservedHeaders.Contains(name, StringComparer.OrdinalIgnoreCase)
            ? $"'{name}' is set by Okta itself and cannot carry the secret. Allowed: a header name such as Authorization or X-Api-Key."
            : null);

    /// <summary>A custom header value: printable, no line breaks (they would start another header), bounded.</summary>
    public static string? HeaderValueProblem(string name, string? value)
    {
        if (value == null)
        {
            return null;
        }

        if (value.Length > MaxHeaderValueLength)
        {
            return $"The value of header '{name}' has {value.Length} characters. Allowed: at most {MaxHeaderValueLength}.";
        }

        return value.Any(c => char.IsControl(c) && c != '\t')
            ? $"The value of header '{name}' contains a line break or control character. Allowed: one line of text."
            : null;
    }

    /// <summary>A secret (auth header value, token): not empty, one line, bounded. Never quotes the value.</summary>
    public static string? SecretProblem(string? secret)
    {
        if (string.IsNullOrEmpty(secret))
        {
            return "The secret is empty. Allowed: a non-empty SecureString.";
        }

        if (secret!.Length > MaxHeaderValueLength)
        {
            return $"The secret has {secret.Length} characters. Allowed: at most {MaxHeaderValueLength}.";
        }

        if (string.IsNullOrWhiteSpace(secret))
        {
            return "The secret is only whitespace. Allowed: a non-empty SecureString.";
        }

        return secret.Any(c => char.IsControl(c) && c != '\t')
            ? "The secret contains a line break or control character (it is not shown). Allowed: one line of printable characters."
            : secret.Any(c => c > '\u007e')
                ? "The secret contains a character outside printable ASCII (it is not shown); HTTP headers cannot carry it. Allowed: printable ASCII."
                : null;
    }

    public static string? HeadersProblem(IReadOnlyCollection<EventHookHeader>? headers, string? authHeaderName)
    {
        if (headers == null || headers.Count == 0)
        {
            return null;
        }

        if (headers.Count > MaxHeaders)
        {
            return $"{headers.Count} custom headers. Allowed: at most {MaxHeaders}.";
        }

        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in headers)
        {
            var problem = HeaderNameProblem(header.Key) ?? HeaderValueProblem(header.Key, header.Value);
            if (problem != null)
            {
                return problem;
            }

            if (ReservedHeaders.Contains(header.Key, StringComparer.OrdinalIgnoreCase))
            {
                return $"'{header.Key}' is set by Okta itself and cannot be a custom header.";
            }

            if (authHeaderName != null && string.Equals(header.Key, authHeaderName, StringComparison.OrdinalIgnoreCase))
            {
                return $"'{header.Key}' is the auth header. Custom headers are returned in clear text by Okta; pass secrets with -AuthHeaderValue.";
            }

            if (!seen.Add(header.Key))
            {
                return $"The header '{header.Key}' is given twice (header names are compared without regard to case).";
            }
        }

        return null;
    }

    public static string? FilterProblem(IReadOnlyCollection<EventHookFilterMapEntry>? filter, IReadOnlyCollection<string> eventTypes)
    {
        if (filter == null)
        {
            return null;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var entry in filter)
        {
            if (string.IsNullOrWhiteSpace(entry.Event) || eventTypes?.Contains(entry.Event, StringComparer.Ordinal) != true)
            {
                return $"'{Printable(entry.Event)}' is not one of the hook's event types. Allowed: a hashtable of subscribed event type to Okta Expression Language condition.";
            }

            if (!seen.Add(entry.Event))
            {
                return $"'{entry.Event}' has two conditions. Allowed: one condition per event type.";
            }

            if (string.IsNullOrWhiteSpace(entry.Expression))
            {
                return $"The condition for '{entry.Event}' is empty. Allowed: an Okta Expression Language condition such as \"event.target.?[type eq 'UserGroup'].size() > 0\".";
            }

            if (entry.Expression.Length > MaxFilterExpressionLength)
            {
                return $"The condition for '{entry.Event}' has {entry.Expression.Length} characters. Allowed: at most {MaxFilterExpressionLength}.";
            }

            if (entry.Expression.Any(c => char.IsControl(c) && c != '\n' && c != '\r' && c != '\t'))
            {
                return $"The condition for '{entry.Event}' contains a control character.";
            }
        }

        return null;
    }

    /// <summary>
    /// True for a header name that looks like it carries a credential (Authorization, *key*, *token*, *secret*,
    /// *password*). The rule lives with the model's header, whose views mask such values; this asks it.
    /// </summary>
    public static bool LooksLikeCredential(string? headerName) => EventHookHeader.LooksLikeCredential(headerName);

    /// <summary>
    /// What writing <paramref name="after"/> over <paramref name="before"/> changes, one line per field; empty when
    /// nothing does. <paramref name="before"/> null means a create. Event types, headers and filters are compared as
    /// sets, as Okta treats them. The auth header value is never shown; a value in <paramref name="after"/> means one
    /// is sent, which adds or replaces the secret.
    /// </summary>
    public static IReadOnlyList<string> Diff(EventHookDefinition? before, EventHookDefinition after)
    {
        if (after == null)
        {
            throw new ArgumentNullException(nameof(after));
        }

        var changes = new List<string>();
        if (before == null)
        {
            changes.Add($"Name: '{after.Name}'");
            changes.Add("Uri: " + after.Uri);
        }
        else
        {
            if (!string.Equals(before.Name, after.Name, StringComparison.Ordinal))
            {
                changes.Add($"Name: '{before.Name}' -> '{after.Name}'");
            }

            if (!string.Equals(before.Uri, after.Uri, StringComparison.Ordinal))
            {
                changes.Add($"Uri: {before.Uri} -> {after.Uri}");
            }
        }

        var beforeDescription = Blank(before?.Description);
        var afterDescription = Blank(after.Description);
        if (!string.Equals(beforeDescription, afterDescription, StringComparison.Ordinal))
        {
            changes.Add(afterDescription == null ? "Description: cleared" : $"Description: '{afterDescription}'");
        }

        var beforeTypes = before?.EventTypes ?? new List<string>();
        var added = after.EventTypes.Distinct(StringComparer.Ordinal).Except(beforeTypes, StringComparer.Ordinal).Select(t => "+" + t);
        var removed = beforeTypes.Distinct(StringComparer.Ordinal).Except(after.EventTypes, StringComparer.Ordinal).Select(t => "-" + t);
        var typeChanges = added.Concat(removed).ToList();
        if (typeChanges.Count > 0)
        {
            changes.Add("EventTypes: " + string.Join(" ", typeChanges));
        }

        var beforeHeaders = before?.Headers ?? new List<EventHookHeader>();
        if (!SameSet(beforeHeaders.Select(h => h.Key + ": " + h.Value), after.Headers.Select(h => h.Key + ": " + h.Value)))
        {
            changes.Add("Headers: " + (after.Headers.Count == 0 ? "removed" : string.Join(", ", after.Headers.Select(h => h.Key))));
        }

        var beforeFilter = before?.Filter ?? new List<EventHookFilterMapEntry>();
        if (!SameSet(beforeFilter.Select(f => f.Event + "\n" + f.Expression), after.Filter.Select(f => f.Event + "\n" + f.Expression)))
        {
            var dropped = beforeFilter.Select(f => f.Event).Where(e => !after.Filter.Any(f => f.Event == e)).ToList();
            changes.Add(after.Filter.Count == 0
                ? "Filter: removed"
                : "Filter: " + string.Join(", ", after.Filter.Select(f => f.Event)) + (dropped.Count > 0 ? " (dropped: " + string.Join(", ", dropped) + ")" : string.Empty));
        }

        var authChange = AuthHeaderChange(before?.AuthHeaderName, after);
        if (authChange != null)
        {
            changes.Add(authChange);
        }

        return changes;
    }

    /// <summary>Added, replaced, renamed or removed, as the -WhatIf line says it; null when the auth header stays as it is.</summary>
    private static string? AuthHeaderChange(string? beforeName, EventHookDefinition after)
    {
        var afterName = after.AuthHeaderName;
        if (afterName == null)
        {
            return beforeName == null ? null : $"AuthHeader: {beforeName} removed";
        }

        if (after.AuthHeaderValue == null)
        {
            // Without a value the secret cannot be sent: a rename without one is refused before this is asked.
            return string.Equals(beforeName, afterName, StringComparison.Ordinal) ? null : $"AuthHeader: {beforeName ?? "none"} -> {afterName}";
        }

        if (beforeName == null)
        {
            return $"AuthHeader: {afterName} added (value ***)";
        }

        return string.Equals(beforeName, afterName, StringComparison.Ordinal)
            ? $"AuthHeader: {afterName} value replaced (***)"
            : $"AuthHeader: {beforeName} -> {afterName}, value replaced (***)";
    }

    /// <summary>The text of a URI with anything between "//" and "@" masked, so a password is never repeated.</summary>
    /// <summary>
    /// A URI as messages may show it: without user name and password, and with its query (which can carry a token)
    /// shown as "?...".
    /// </summary>
    public static string Shown(string value)
    {
        var query = value.IndexOf('?');
        return WithoutUserInfo(query < 0 ? value : value.Substring(0, query) + "?...");
    }

    private static string WithoutUserInfo(string value)
    {
        var start = value.IndexOf("//", StringComparison.Ordinal);
        var at = start < 0 ? -1 : value.IndexOf('@', start + 2);
        return at < 0 ? value : value.Substring(0, start + 2) + SecretScrubber.Mask + value.Substring(at);
    }

    private static string? Blank(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static bool SameSet(IEnumerable<string> a, IEnumerable<string> b) =>
        new HashSet<string>(a, StringComparer.Ordinal).SetEquals(b);

    private static bool IsAsciiLetterOrDigit(char c) => (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');

    private static bool IsTokenCharacter(char c) => IsAsciiLetterOrDigit(c) || "!#$%&'*+-.^_`|~".IndexOf(c) >= 0;

    /// <summary>Control characters and bidirectional overrides that would make a name look like another one.</summary>
    private static bool HasControlOrFormatCharacter(string text) =>
        text.Any(c => char.IsControl(c) || CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.Format);

    private static string Describe(char c) =>
        char.IsControl(c) || char.IsWhiteSpace(c) ? $"U+{(int)c:X4}" : $"'{c}'";

    /// <summary>Text safe to quote in a message: control characters shown as U+XXXX.</summary>
    internal static string Printable(string? text) =>
        string.Concat((text ?? string.Empty).Take(100).Select(c => char.IsControl(c) ? $"U+{(int)c:X4}" : c.ToString()));
}

/// <summary>The fields of a hook as the cmdlets' parameters name them, so that a problem points at the parameter.</summary>
public static class EventHookField
{
    public const string Name = "Name";
    public const string Uri = "Uri";
    public const string Description = "Description";
    public const string EventType = "EventType";
    public const string Header = "Header";
    public const string Filter = "Filter";
    public const string AuthHeaderName = "AuthHeaderName";
    public const string AuthHeaderValue = "AuthHeaderValue";
}

/// <summary>One thing wrong with a hook definition, and the field it is about.</summary>
public sealed class EventHookProblem
{
    public EventHookProblem(string field, string message)
    {
        Field = field;
        Message = message;
    }

    public string Field { get; }

    public string Message { get; }

    public override string ToString() => Field + ": " + Message;
}
