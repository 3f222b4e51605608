using System;
using System.Collections.Generic;
using System.Linq;

namespace OktaEventHooks.Client;

/// <summary>One hook as a desired-state document wants it: its writable part and whether it is ACTIVE.</summary>
public sealed class DesiredEventHook
{
    public DesiredEventHook(EventHookDefinition definition, string status)
    {
        Definition = definition ?? throw new ArgumentNullException(nameof(definition));
        Status = status;
    }

    public EventHookDefinition Definition { get; }

    /// <summary>ACTIVE or INACTIVE.</summary>
    public string Status { get; }

    public string Name => Definition.Name;

    /// <summary>
    /// What a replace (PUT) would change on <paramref name="current"/>, one line per field; empty when the
    /// writable part already matches. The auth header value is never compared: Okta does not return it.
    /// </summary>
    public IReadOnlyList<string> DefinitionChanges(EventHook current)
    {
        if (current == null)
        {
            throw new ArgumentNullException(nameof(current));
        }

        var have = EventHookDefinition.From(current);
        var want = Definition;
        var changes = new List<string>();
        if (!string.Equals(have.Name, want.Name, StringComparison.Ordinal))
        {
            changes.Add($"Name: '{have.Name}' -> '{want.Name}'");
        }

        if (!string.Equals(Blank(have.Description), Blank(want.Description), StringComparison.Ordinal))
        {
            changes.Add(Blank(want.Description) == null ? "Description: cleared" : $"Description: '{want.Description}'");
        }

        if (!string.Equals(have.Uri, want.Uri, StringComparison.Ordinal))
        {
            changes.Add($"Uri: {have.Uri} -> {want.Uri}");
        }

        var added = want.EventTypes.Except(have.EventTypes, StringComparer.Ordinal).Select(t => "+" + t);
        var removed = have.EventTypes.Except(want.EventTypes, StringComparer.Ordinal).Select(t => "-" + t);
        var eventTypeChanges = added.Concat(removed).ToList();
        if (eventTypeChanges.Count > 0)
        {
            changes.Add("EventTypes: " + string.Join(" ", eventTypeChanges));
        }

        if (!SameSet(have.Headers.Select(h => h.Key + ": " + h.Value), want.Headers.Select(h => h.Key + ": " + h.Value)))
        {
            changes.Add("Headers: " + (want.Headers.Count == 0 ? "removed" : string.Join(", ", want.Headers.Select(h => h.Key))));
        }

        if (!SameSet(have.Filter.Select(f => f.Event + "\n" + f.Expression), want.Filter.Select(f => f.Event + "\n" + f.Expression)))
        {
            changes.Add("Filter: " + (want.Filter.Count == 0 ? "removed" : string.Join(", ", want.Filter.Select(f => f.Event))));
        }

        if (!string.Equals(have.AuthHeaderName, want.AuthHeaderName, StringComparison.Ordinal))
        {
            changes.Add(want.AuthHeaderName == null
                ? $"AuthHeader: {have.AuthHeaderName} removed"
                : $"AuthHeader: {have.AuthHeaderName ?? "none"} -> {want.AuthHeaderName}: ***");
        }

        return changes;
    }

    /// <summary>The lifecycle change <paramref name="current"/> needs, e.g. "Status: ACTIVE -> INACTIVE"; null when none.</summary>
    public string? StatusChange(EventHook current)
    {
        if (current == null)
        {
            throw new ArgumentNullException(nameof(current));
        }

        return string.Equals(current.Status, Status, StringComparison.Ordinal) ? null : $"Status: {current.Status} -> {Status}";
    }

    public override string ToString() => Name;

    private static string? Blank(string? text) => string.IsNullOrEmpty(text) ? null : text;

    private static bool SameSet(IEnumerable<string> a, IEnumerable<string> b) =>
        a.OrderBy(x => x, StringComparer.Ordinal).SequenceEqual(b.OrderBy(x => x, StringComparer.Ordinal), StringComparer.Ordinal);
}
