using System;
using System.Collections;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Security;
using OktaEventHooks.Catalog;
using OktaEventHooks.Client;
using OktaEventHooks.Completion;
using OktaEventHooks.Validation;

namespace OktaEventHooks.Commands;

/// <summary>
/// Changes an event hook. Okta's PUT replaces the whole hook and never returns the auth header value,
/// so this reads the hook, applies only the named changes and writes it back; it refuses to write a
/// hook that has an auth header unless the caller supplies the value again or removes the header.
/// </summary>
[Cmdlet(VerbsCommon.Set, "OktaEventHook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(EventHook))]
public sealed class SetOktaEventHookCommand : EventHookCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [Alias("EventHookId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EventHookIdCompleter))]
    public string Id { get; set; } = null!;

    [Parameter]
    [ValidateLength(1, 255)]
    public string? Name { get; set; }

    [Parameter]
    [ValidateHookUri]
    public string? Uri { get; set; }

    /// <summary>Replaces the subscribed event types.</summary>
    [Parameter]
    [ValidateCount(1, 300)]
    [ValidateEventType]
    [ArgumentCompleter(typeof(EventTypeCompleter))]
    public string[]? EventType { get; set; }

    [Parameter]
    [ValidateCount(1, 300)]
    [ValidateEventType]
    [ArgumentCompleter(typeof(EventTypeCompleter))]
    public string[]? AddEventType { get; set; }

    [Parameter]
    [ValidateCount(1, 300)]
    [ValidateEventType]
    [ArgumentCompleter(typeof(SubscribedEventTypeCompleter))]
    public string[]? RemoveEventType { get; set; }

    /// <summary>The new description; an empty string clears it.</summary>
    [Parameter]
    public string? Description { get; set; }

    /// <summary>Replaces the custom headers; an empty hashtable removes them all.</summary>
    [Parameter]
    public IDictionary? Header { get; set; }

    /// <summary>Replaces the filters; an empty hashtable removes them all.</summary>
    [Parameter]
    public IDictionary? Filter { get; set; }

    /// <summary>The header name for a new secret; defaults to the hook's current one, else Authorization.</summary>
    [Parameter]
    [ValidateLength(1, 255)]
    public string? AuthHeaderName { get; set; }

    /// <summary>The auth header secret. Required whenever the hook has an auth header and it is kept.</summary>
    [Parameter]
    [ValidateNotNull]
    public SecureString? AuthHeaderValue { get; set; }

    [Parameter]
    public SwitchParameter RemoveAuthHeader { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void BeginProcessing()
    {
        if (EventType != null && (AddEventType != null || RemoveEventType != null))
        {
            ThrowTerminatingError(OktaErrorRecord.InvalidParameter(
                nameof(EventType), EventType, "replaces every event type and cannot be combined with -AddEventType or -RemoveEventType."));
        }

        if (RemoveAuthHeader && (AuthHeaderValue != null || AuthHeaderName != null))
        {
            ThrowTerminatingError(OktaErrorRecord.InvalidParameter(
                nameof(RemoveAuthHeader), null, "cannot be combined with -AuthHeaderValue or -AuthHeaderName."));
        }

        if (AuthHeaderName != null && AuthHeaderValue == null)
        {
            ThrowTerminatingError(OktaErrorRecord.InvalidParameter(
                nameof(AuthHeaderName), AuthHeaderName, "needs -AuthHeaderValue, the secret Okta sends in that header."));
        }

        if (AuthHeaderValue != null && AuthHeaderValue.Length == 0)
        {
            ThrowTerminatingError(OktaErrorRecord.InvalidParameter(
                nameof(AuthHeaderValue), null, "The secret is empty. Allowed: a non-empty SecureString."));
        }

        base.BeginProcessing();
    }

    private HookProgress? _progress;

    protected override void ProcessRecord()
    {
        _progress ??= new HookProgress(this, "Updating event hooks");
        _progress.Next(Id);
        if (!TryCall(Id, (client, token) => client.GetAsync(Id, token), out var hook))
        {
            return;
        }

        var definition = EventHookDefinition.From(hook);
        var changes = new List<string>();
        if (!Apply(hook, definition, changes))
        {
            return;
        }

        if (changes.Count == 0)
        {
            WriteWarning($"Nothing to change on event hook {Describe(hook)}; no request was sent.");
            if (PassThru)
            {
                WriteObject(hook);
            }

            return;
        }

        if (!ShouldProcess(Describe(hook), "Update event hook: " + string.Join("; ", changes)))
        {
            return;
        }

        definition.AuthHeaderValue = AuthHeaderValue == null || definition.AuthHeaderName == null
            ? null
            : HookParameters.Reveal(AuthHeaderValue);
        if (!TryCall(Id, (client, token) => client.ReplaceAsync(Id, definition, token), out var updated))
        {
            return;
        }

        SeenEventHooks.Remember(updated);
        if (hook.VerificationStatus == "VERIFIED" && updated.VerificationStatus != "VERIFIED")
        {
            WriteWarning($"Okta marked event hook {Describe(updated)} UNVERIFIED because its endpoint settings changed; " +
                         "it receives no events until Test-OktaEventHook verifies it again.");
        }

        if (PassThru)
        {
            WriteObject(updated);
        }
    }

    /// <summary>Applies the named changes to <paramref name="definition"/>; false (after writing an error) when they cannot apply.</summary>
    private bool Apply(EventHook hook, EventHookDefinition definition, List<string> changes)
    {
        if (Name != null && Name != definition.Name)
        {
            changes.Add($"Name: '{definition.Name}' -> '{Name}'");
            definition.Name = Name;
        }

        if (Uri != null && Uri != definition.Uri)
        {
            changes.Add($"Uri: {definition.Uri} -> {Uri}");
            definition.Uri = Uri;
        }

        if (Description != null && (Description.Length == 0 ? null : Description) != definition.Description)
        {
            changes.Add(Description.Length == 0 ? "Description: cleared" : $"Description: '{Description}'");
            definition.Description = Description.Length == 0 ? null : Description;
        }

        if (!ApplyEventTypes(hook, definition, changes))
        {
            return false;
        }

        var authName = RemoveAuthHeader ? null : AuthHeaderName ?? definition.AuthHeaderName
                       ?? (AuthHeaderValue != null ? HookParameters.DefaultAuthHeaderName : null);
        if (Header != null)
        {
            if (HookParameters.ReadHeaders(Header, authName, out var headers) is string problem)
            {
                WriteError(OktaErrorRecord.InvalidParameter(nameof(Header), Header, problem));
                return false;
            }

            if (!SameHeaders(headers, definition.Headers))
            {
                changes.Add("Headers: " + (headers.Count == 0 ? "removed" : string.Join(", ", headers.Select(h => h.Key))));
                definition.Headers = headers;
            }
        }

        if (Filter != null)
        {
            if (HookParameters.ReadFilter(Filter, definition.EventTypes, out var filter) is string problem)
            {
                WriteError(OktaErrorRecord.InvalidParameter(nameof(Filter), Filter, problem));
                return false;
            }

            if (!filter.Select(f => f.Event + "\n" + f.Expression).SequenceEqual(definition.Filter.Select(f => f.Event + "\n" + f.Expression)))
            {
                changes.Add("Filter: " + (filter.Count == 0 ? "removed" : string.Join(", ", filter.Select(f => f.Event))));
                definition.Filter = filter;
            }
        }

        if (RemoveAuthHeader)
        {
            if (definition.AuthHeaderName != null)
            {
                changes.Add($"AuthHeader: {definition.AuthHeaderName} removed");
                definition.AuthHeaderName = null;
            }
        }
        else if (AuthHeaderValue != null)
        {
            changes.Add($"AuthHeader: {authName}: ***");
            definition.AuthHeaderName = authName;
        }
        else if (definition.AuthHeaderName != null)
        {
            // Okta never returns the secret; writing the hook back without it would lose it.
            WriteError(OktaErrorRecord.Create(
                "AuthHeaderValueRequired",
                ErrorCategory.InvalidOperation,
                Id,
                $"The event hook {Describe(hook)} has an auth header ({definition.AuthHeaderName}) whose value Okta never returns, " +
                "and Okta's update replaces the whole hook. Nothing was changed.",
                "Repeat with -AuthHeaderValue (the secret to keep or a new one), or with -RemoveAuthHeader to drop the header."));
            return false;
        }

        return true;
    }

    private bool ApplyEventTypes(EventHook hook, EventHookDefinition definition, List<string> changes)
    {
        var before = definition.EventTypes;
        var after = EventType?.Distinct().ToList() ?? before.ToList();
        after.AddRange((AddEventType ?? Array.Empty<string>()).Where(t => !after.Contains(t)).Distinct());
        after.RemoveAll(t => RemoveEventType?.Contains(t) == true);
        if (after.Count == 0)
        {
            var parameter = EventType != null ? nameof(EventType) : nameof(RemoveEventType);
            WriteError(OktaErrorRecord.InvalidParameter(parameter, null, $"would leave {Describe(hook)} without event types. Allowed: 1 to 300 event types."));
            return false;
        }

        if (after.Count > 300)
        {
            WriteError(OktaErrorRecord.InvalidParameter(nameof(AddEventType), AddEventType, $"would give {Describe(hook)} {after.Count} event types. Allowed: 1 to 300."));
            return false;
        }

        var added = after.Where(t => !before.Contains(t)).ToList();
        var removed = before.Where(t => !after.Contains(t)).ToList();
        if (added.Count + removed.Count == 0)
        {
            return true;
        }

        if (EventTypeCatalog.UnknownWarning(added) is string unknown)
        {
            WriteWarning(unknown);
        }

        changes.Add("EventTypes: " + string.Join(" ", added.Select(t => "+" + t).Concat(removed.Select(t => "-" + t))));
        definition.EventTypes = after;

        // A filter for an event type that is no longer subscribed would be refused by Okta.
        var dropped = definition.Filter.Where(f => !after.Contains(f.Event)).ToList();
        if (dropped.Count > 0 && Filter == null)
        {
            definition.Filter = definition.Filter.Except(dropped).ToList();
            changes.Add("Filter: dropped " + string.Join(", ", dropped.Select(f => f.Event)));
        }

        return true;
    }

    protected override void EndProcessing() => _progress?.Complete();

    private static bool SameHeaders(List<EventHookHeader> a, List<EventHookHeader> b) =>
        a.Count == b.Count && a.Zip(b, (x, y) => x.Key == y.Key && x.Value == y.Value).All(same => same);
}
