using System.Collections.Generic;
using System.Linq;
using System;
using OktaEventHooks.Client.Errors;

namespace OktaEventHooks.Client.EventHooks;

/// <summary>The writable part of an event hook: what a create (POST) or replace (PUT) sends.</summary>
public sealed class EventHookDefinition
{
    public string Name { get; set; } = string.Empty;
    public string? Description { get; set; }
    public List<string> EventTypes { get; set; } = new List<string>();

    /// <summary>Event type to Okta Expression Language condition; empty means no filter.</summary>
    public List<EventHookFilterMapEntry> Filter { get; set; } = new List<EventHookFilterMapEntry>();

    public string Uri { get; set; } = string.Empty;
    public List<EventHookHeader> Headers { get; set; } = new List<EventHookHeader>();

    /// <summary>Name of the auth header, or null for none.</summary>
    public string? AuthHeaderName { get; set; }

    /// <summary>The secret value of the auth header. Write-only in Okta; never logged.</summary>
    public string? AuthHeaderValue { get; set; }

    /// <summary>A definition equal to what Okta holds for <paramref name="hook"/>, except the secret, which Okta never returns.</summary>
    public static EventHookDefinition From(EventHook hook)
    {
        if (hook == null)
        {
            throw new ArgumentNullException(nameof(hook));
        }

        return new EventHookDefinition
        {
            Name = hook.Name,
            Description = hook.Description,
            EventTypes = hook.Events.Items.ToList(),
            Filter = (hook.Events.Filter?.EventFilterMap ?? new List<EventHookFilterMapEntry>())
                .Select(e => new EventHookFilterMapEntry { Event = e.Event, Expression = e.Expression })
                .ToList(),
            Uri = hook.Channel.Config.Uri ?? string.Empty,
            Headers = hook.Channel.Config.Headers
                .Select(h => new EventHookHeader { Key = h.Key, Value = h.Value })
                .ToList(),
            AuthHeaderName = hook.Channel.Config.AuthScheme?.Key,
        };
    }

    /// <summary>A copy without the secret: what can be compared with a hook Okta returned, or checked before the secret is known.</summary>
    public EventHookDefinition WithoutSecret() => new EventHookDefinition
    {
        Name = Name,
        Description = Description,
        EventTypes = EventTypes.ToList(),
        Filter = Filter.ToList(),
        Uri = Uri,
        Headers = Headers.ToList(),
        AuthHeaderName = AuthHeaderName,
    };

    /// <summary>
    /// A copy for a plan (-WhatIf, a confirmation): its auth header, if any, carries a stand-in value, so that
    /// <see cref="EventHookRules.Diff"/> says the secret is sent, never what it is.
    /// </summary>
    public EventHookDefinition WithSecretShownAsSent()
    {
        var copy = WithoutSecret();
        copy.AuthHeaderValue = AuthHeaderName == null ? null : SecretScrubber.Mask;
        return copy;
    }

    public override string ToString() => Name;
}
