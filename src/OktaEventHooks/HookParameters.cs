using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Net;
using System.Security;

namespace OktaEventHooks;

/// <summary>Turns the -Header, -Filter and -AuthHeaderValue arguments into the client's shapes, checking them first.</summary>
internal static class HookParameters
{
    public const string DefaultAuthHeaderName = "Authorization";

    /// <summary>Headers that carry the HTTP conversation itself; Okta sets them.</summary>
    private static readonly string[] ReservedHeaders = { "Accept", "Content-Type", "Content-Length", "Host", "X-Okta-Verification-Challenge" };

    /// <summary>Null when the headers are acceptable, else what is wrong with -Header.</summary>
    public static string? ReadHeaders(IDictionary? headers, string? authHeaderName, out List<EventHookHeader> result)
    {
        result = new List<EventHookHeader>();
        if (headers == null)
        {
            return null;
        }

        foreach (DictionaryEntry entry in headers)
        {
            var key = Text(entry.Key);
            var value = Text(entry.Value) ?? string.Empty;
            if (string.IsNullOrWhiteSpace(key) || key!.Any(c => char.IsWhiteSpace(c) || c == ':'))
            {
                return $"'{key}' is not a header name. Allowed: a hashtable of header name to value, e.g. @{{ 'X-Source' = 'okta' }}.";
            }

            if (ReservedHeaders.Contains(key, StringComparer.OrdinalIgnoreCase))
            {
                return $"'{key}' is set by Okta itself and cannot be a custom header.";
            }

            if (authHeaderName != null && string.Equals(key, authHeaderName, StringComparison.OrdinalIgnoreCase))
            {
                return $"'{key}' is the auth header. Custom headers are returned in clear text by Okta; pass secrets with -AuthHeaderValue.";
            }

            result.Add(new EventHookHeader { Key = key!, Value = value });
        }

        return null;
    }

    /// <summary>Null when the filter is acceptable, else what is wrong with -Filter.</summary>
    public static string? ReadFilter(IDictionary? filter, ICollection<string> eventTypes, out List<EventHookFilterMapEntry> result)
    {
        result = new List<EventHookFilterMapEntry>();
        if (filter == null)
        {
            return null;
        }

        foreach (DictionaryEntry entry in filter)
        {
            var eventType = Text(entry.Key);
            var expression = Text(entry.Value);
            if (string.IsNullOrWhiteSpace(eventType) || !eventTypes.Contains(eventType!, StringComparer.Ordinal))
            {
                return $"'{eventType}' is not one of the hook's event types. Allowed: a hashtable of subscribed event type to Okta Expression Language condition.";
            }

            if (string.IsNullOrWhiteSpace(expression))
            {
                return $"The condition for '{eventType}' is empty. Allowed: an Okta Expression Language condition such as \"event.target.?[type eq 'UserGroup'].size() > 0\".";
            }

            result.Add(new EventHookFilterMapEntry { Event = eventType!, Expression = expression! });
        }

        return null;
    }

    /// <summary>The plain secret, made only at the moment it is sent.</summary>
    public static string Reveal(SecureString secret) => new NetworkCredential(string.Empty, secret).Password;

    private static string? Text(object? value)
    {
        var raw = value is PSObject wrapped ? wrapped.BaseObject : value;
        return raw?.ToString();
    }
}
