using System;
using System.Collections.Generic;
using System.Linq;

namespace OktaEventHooks;

/// <summary>An Okta event hook as Okta returns it, plus flat conveniences for the prompt.</summary>
/// <remarks>Okta never returns the auth header value, so no secret is ever held here.</remarks>
public sealed class EventHook
{
    public string Id { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public string? Description { get; set; }

    /// <summary>ACTIVE or INACTIVE.</summary>
    public string Status { get; set; } = string.Empty;

    /// <summary>VERIFIED or UNVERIFIED. Only ACTIVE and VERIFIED hooks receive events.</summary>
    public string VerificationStatus { get; set; } = string.Empty;

    /// <summary>Creation time, converted to local time.</summary>
    public DateTime? Created { get; set; }
    public string? CreatedBy { get; set; }

    /// <summary>Last change, converted to local time.</summary>
    public DateTime? LastUpdated { get; set; }

    public EventHookEvents Events { get; set; } = new EventHookEvents();
    public EventHookChannel Channel { get; set; } = new EventHookChannel();

    /// <summary>Link relation name to href, as Okta returned them (they differ by status).</summary>
    public IDictionary<string, string> Links { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>The subscribed event types.</summary>
    public string[] EventTypes => Events.Items.ToArray();

    /// <summary>The endpoint Okta calls.</summary>
    public string? Uri => Channel.Config.Uri;

    /// <summary>Custom headers (key to value). Okta returns them in clear text, so they hold no secrets.</summary>
    public IDictionary<string, string> Headers =>
        Channel.Config.Headers.ToDictionary(h => h.Key, h => h.Value, StringComparer.OrdinalIgnoreCase);

    /// <summary>Name of the header that carries the secret, or null when the hook has none.</summary>
    public string? AuthHeaderName => Channel.Config.AuthScheme?.Key;

    /// <summary>True when the hook has an auth header. Its value is write-only in Okta and never shown.</summary>
    public bool HasAuthHeader => Channel.Config.AuthScheme != null;

    /// <summary>Event type to Okta Expression Language condition, for the filtered event types.</summary>
    public IDictionary<string, string> Filter =>
        (Events.Filter?.EventFilterMap ?? new List<EventHookFilterMapEntry>())
            .GroupBy(e => e.Event, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First().Expression, StringComparer.OrdinalIgnoreCase);

    public override string ToString() => Name;
}

/// <summary>The event subscription (<c>events</c>) of a hook.</summary>
public sealed class EventHookEvents
{
    public string Type { get; set; } = "EVENT_TYPE";
    public List<string> Items { get; set; } = new List<string>();
    public EventHookFilter? Filter { get; set; }

    public override string ToString() => string.Join(", ", Items);
}

/// <summary>Expression Language filters (<c>events.filter</c>), an Okta Early Access feature.</summary>
public sealed class EventHookFilter
{
    public string Type { get; set; } = "EXPRESSION_LANGUAGE";
    public List<EventHookFilterMapEntry> EventFilterMap { get; set; } = new List<EventHookFilterMapEntry>();
}

/// <summary>One filtered event type and its condition.</summary>
public sealed class EventHookFilterMapEntry
{
    public string Event { get; set; } = string.Empty;
    public string Expression { get; set; } = string.Empty;

    public override string ToString() => Event + ": " + Expression;
}

/// <summary>The delivery channel (<c>channel</c>) of a hook.</summary>
public sealed class EventHookChannel
{
    public string Type { get; set; } = "HTTP";
    public string Version { get; set; } = "1.0.0";
    public EventHookChannelConfig Config { get; set; } = new EventHookChannelConfig();

    public override string ToString() => Config.Uri ?? string.Empty;
}

/// <summary>Where and how Okta delivers events (<c>channel.config</c>).</summary>
public sealed class EventHookChannelConfig
{
    public string? Uri { get; set; }
    public string Method { get; set; } = "POST";
    public List<EventHookHeader> Headers { get; set; } = new List<EventHookHeader>();
    public EventHookAuthScheme? AuthScheme { get; set; }
}

/// <summary>A custom header Okta sends with every delivery.</summary>
public sealed class EventHookHeader
{
    public string Key { get; set; } = string.Empty;
    public string Value { get; set; } = string.Empty;

    public override string ToString() => Key + ": " + Value;
}

/// <summary>The auth header Okta sends. Only its name is known: the value is write-only.</summary>
public sealed class EventHookAuthScheme
{
    public string Type { get; set; } = "HEADER";
    public string Key { get; set; } = string.Empty;

    public override string ToString() => Key + ": ***";
}
