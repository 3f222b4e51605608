using System;
using System.Collections.Generic;
using System.Linq;

namespace OktaEventHooks;

/// <summary>
/// An Okta event hook, flat: every field the views show is a property, and <c>ConvertTo-Json</c> or
/// <c>Export-Csv</c> of a hook gives each field as text, a list or a map without nesting.
/// </summary>
/// <remarks>
/// Okta's nested shape (<c>events</c>, <c>channel</c>, <c>_links</c>) is kept internal: the client reads and writes it,
/// the user sees the flat properties. Okta never returns the auth header value, so no secret is ever held here.
/// </remarks>
public sealed class EventHook
{
    public string Id { get; set; } = string.Empty;
    public string Name { get; set; } = string.Empty;
    public string? Description { get; set; }

    /// <summary>ACTIVE or INACTIVE.</summary>
    public string Status { get; set; } = string.Empty;

    /// <summary>VERIFIED or UNVERIFIED. Only ACTIVE and VERIFIED hooks receive events.</summary>
    public string VerificationStatus { get; set; } = string.Empty;

    /// <summary>The endpoint Okta calls.</summary>
    public string? Uri => Channel.Config.Uri;

    /// <summary>The subscribed event types; shown (and written by Export-Csv) as one comma-separated text.</summary>
    public TextList EventTypes => new TextList(Events.Items);

    /// <summary>Event type to Okta Expression Language condition, for the filtered event types.</summary>
    public EventHookFilterDictionary Filter => new EventHookFilterDictionary(Events.Filter?.EventFilterMap ?? new List<EventHookFilterMapEntry>());

    /// <summary>
    /// Custom headers, name to value, as Okta returns them: in clear text, to anyone who can read the hook. Shown with
    /// the value of a header whose name looks like a credential masked.
    /// </summary>
    public EventHookHeaderDictionary Headers => new EventHookHeaderDictionary(Channel.Config.Headers);

    /// <summary>Name of the header that carries the secret, or null when the hook has none. Its value is write-only in Okta.</summary>
    public string? AuthHeaderName => Channel.Config.AuthScheme?.Key;

    /// <summary>True when the hook has an auth header. Its value is write-only in Okta and never shown.</summary>
    public bool HasAuthHeader => Channel.Config.AuthScheme != null;

    /// <summary>Creation time, converted to local time.</summary>
    public DateTime? Created { get; set; }
    public string? CreatedBy { get; set; }

    /// <summary>Last change, converted to local time.</summary>
    public DateTime? LastUpdated { get; set; }

    /// <summary>What is wrong with the hook as the org returned it (a field of the wrong type), or null; such a hook is never written back.</summary>
    internal string? Malformed { get; set; }

    /// <summary>Okta's <c>events</c>, for the client.</summary>
    internal EventHookEvents Events { get; set; } = new EventHookEvents();

    /// <summary>Okta's <c>channel</c>, for the client.</summary>
    internal EventHookChannel Channel { get; set; } = new EventHookChannel();

    /// <summary>Okta's <c>_links</c>: link relation name to href, as Okta returned them (they differ by status).</summary>
    internal IDictionary<string, string> Links { get; set; } = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);

    public override string ToString() => Name;
}

/// <summary>The event subscription (<c>events</c>) of a hook.</summary>
internal sealed class EventHookEvents
{
    public string Type { get; set; } = "EVENT_TYPE";
    public List<string> Items { get; set; } = new List<string>();
    public EventHookFilter? Filter { get; set; }

    public override string ToString() => string.Join(", ", Items);
}

/// <summary>Expression Language filters (<c>events.filter</c>), an Okta Early Access feature.</summary>
internal sealed class EventHookFilter
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
internal sealed class EventHookChannel
{
    public string Type { get; set; } = "HTTP";
    public string Version { get; set; } = "1.0.0";
    public EventHookChannelConfig Config { get; set; } = new EventHookChannelConfig();

    public override string ToString() => Config.Uri ?? string.Empty;
}

/// <summary>Where and how Okta delivers events (<c>channel.config</c>).</summary>
internal sealed class EventHookChannelConfig
{
    public string? Uri { get; set; }
    public string Method { get; set; } = "POST";
    public List<EventHookHeader> Headers { get; set; } = new List<EventHookHeader>();
    public EventHookAuthScheme? AuthScheme { get; set; }
}

/// <summary>A custom header Okta sends with every delivery.</summary>
public sealed class EventHookHeader
{
    /// <summary>What a shown header has instead of the value of a header that looks like a credential.</summary>
    internal const string Mask = "***";

    private static readonly string[] CredentialWords = { "KEY", "TOKEN", "SECRET", "PASSWORD", "PASSWD", "AUTH", "SIGNATURE", "CREDENTIAL" };

    public string Key { get; set; } = string.Empty;
    public string Value { get; set; } = string.Empty;

    /// <summary>"Name: value", with the value masked when the name looks like a credential's.</summary>
    public override string ToString() => Key + ": " + (LooksLikeCredential(Key) ? Mask : Value);

    /// <summary>
    /// True for a header name that looks like it carries a credential (Authorization, Proxy-Authorization, Cookie,
    /// names containing key, token, secret, password, auth, signature, credential). The one home of this rule: the
    /// client's checks and warnings ask it too.
    /// </summary>
    internal static bool LooksLikeCredential(string? headerName)
    {
        var name = (headerName ?? string.Empty).ToUpperInvariant();
        return name == "AUTHORIZATION" || name == "PROXY-AUTHORIZATION" || name == "COOKIE"
            || CredentialWords.Any(word => name.Contains(word));
    }
}

/// <summary>The auth header Okta sends. Only its name is known: the value is write-only.</summary>
internal sealed class EventHookAuthScheme
{
    public string Type { get; set; } = "HEADER";
    public string Key { get; set; } = string.Empty;

    public override string ToString() => Key + ": " + EventHookHeader.Mask;
}
