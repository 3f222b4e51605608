using System.Collections.Generic;
using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System;
using OktaEventHooks.Catalog;
using OktaEventHooks.Client.EventHooks;
using OktaEventHooks.Completion;
using OktaEventHooks.Session;
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
    [ValidateHookIdOrName]
    [ArgumentCompleter(typeof(HookIdOrNameCompleter))]
    public string Id { get; set; } = null!;

    [Parameter]
    [ValidateHookName]
    public string? Name { get; set; }

    [Parameter]
    [ValidateHookUri]
    public string? Uri { get; set; }

    /// <summary>Replaces the subscribed event types.</summary>
    [Parameter]
    [ValidateCount(1, EventHookRules.MaxEventTypes)]
    [ValidateEventType]
    [ArgumentCompleter(typeof(EventTypeCompleter))]
    public string[]? EventType { get; set; }

    [Parameter]
    [ValidateCount(1, EventHookRules.MaxEventTypes)]
    [ValidateEventType]
    [ArgumentCompleter(typeof(EventTypeCompleter))]
    public string[]? AddEventType { get; set; }

    [Parameter]
    [ValidateCount(1, EventHookRules.MaxEventTypes)]
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
    public string? AuthHeaderName { get; set; }

    /// <summary>The auth header secret. Required whenever the hook has an auth header and it is kept.</summary>
    [Parameter]
    [ValidateNotNull]
    public SecureString? AuthHeaderValue { get; set; }

    [Parameter]
    public SwitchParameter RemoveAuthHeader { get; set; }

    /// <summary>Give the one -AuthHeaderValue to every hook of the pipeline (without it, several hooks are refused).</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <summary>Hooks from the pipeline that are to get -AuthHeaderValue: held until it is known how many there are.</summary>
    private readonly List<HookTarget> _secretTargets = new List<HookTarget>();

    protected override string ProgressActivity => "Updating event hooks";

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

        HookParameters.CheckAuthHeader(this, AuthHeaderName != null, AuthHeaderName, AuthHeaderValue);
        base.BeginProcessing();
    }

    protected override void ProcessRecord()
    {
        var targets = ResolveTargets(new[] { Id }, wildcards: false).ToList();

        // One secret for several hooks would overwrite secrets that differ: from a pipeline, wait to see how many.
        if (AuthHeaderValue != null && !Force && MyInvocation.ExpectingInput)
        {
            _secretTargets.AddRange(targets);
            return;
        }

        ForEachWithProgress(targets, t => t.Display, Update);
    }

    protected override void EndProcessing()
    {
        var distinct = _secretTargets.GroupBy(t => t.Id, StringComparer.Ordinal).Select(g => g.First()).ToList();
        if (distinct.Count > 1)
        {
            WriteError(OktaErrorRecord.Create(
                "AuthHeaderValueForManyHooks",
                ErrorCategory.InvalidOperation,
                distinct.Select(t => t.Id).ToArray(),
                $"-AuthHeaderValue would give one secret to {distinct.Count} hooks ({string.Join(", ", distinct.Take(10).Select(t => t.Display))}" +
                (distinct.Count > 10 ? ", ..." : string.Empty) + "): hooks whose endpoints expect different secrets would all get this one, " +
                "and hooks without an auth header would get one. Nothing was changed.",
                "Set each hook's secret on its own (Set-OktaEventHook -Id <id> -AuthHeaderValue ...), or repeat with -Force to give every one of these hooks this secret."));
        }
        else
        {
            ForEachWithProgress(distinct, t => t.Display, Update);
        }

        base.EndProcessing();
    }

    private void Update(HookTarget target)
    {
        // Read the hook fresh: Okta's update replaces the whole hook, and a piped object may be stale.
        if (!TryCall(target.Id, (client, token) => client.GetAsync(target.Id, token), out var hook))
        {
            return;
        }

        if (MalformedError(hook) is ErrorRecord malformed)
        {
            WriteError(malformed);
            return;
        }

        var before = EventHookDefinition.From(hook);
        var after = Apply(hook, before);
        if (after == null)
        {
            return;
        }

        var changes = EventHookRules.Diff(before, after);
        if (changes.Count == 0)
        {
            WriteWarning($"Nothing to change on event hook {Describe(hook)}; no request was sent.");
            if (PassThru)
            {
                WriteObject(hook);
            }

            return;
        }

        if (after.AuthHeaderName != null && after.AuthHeaderValue == null)
        {
            // Okta never returns the secret; writing the hook back without it would lose it.
            WriteError(OktaErrorRecord.Create(
                "AuthHeaderValueRequired",
                ErrorCategory.InvalidOperation,
                hook.Id,
                $"The event hook {Describe(hook)} has an auth header ({before.AuthHeaderName}) whose value Okta never returns, " +
                "and Okta's update replaces the whole hook. Nothing was changed.",
                "Repeat with -AuthHeaderValue (the secret to keep or a new one), or with -RemoveAuthHeader to drop the header."));
            return;
        }

        if (!HookParameters.Report(this, EventHookRules.Validate(after), hook.Id))
        {
            return;
        }

        if (!ShouldProcessInOrg(Describe(hook), "Update event hook: " + string.Join("; ", changes)))
        {
            return;
        }

        Writing(
            $"The update of {Describe(hook)} may or may not have been applied: check it with Get-OktaEventHook -Id {hook.Id}.",
            $"Okta refused the update of {Describe(hook)}: nothing was changed.");
        if (!TryCall(hook.Id, (client, token) => client.ReplaceAsync(hook.Id, after, hook, token), out var updated))
        {
            return;
        }

        Written();
        SeenEventHooks.Remember(updated);
        if (hook.VerificationStatus == EventHookVerificationStatus.Verified && updated.VerificationStatus != EventHookVerificationStatus.Verified)
        {
            WriteWarning($"Okta marked event hook {Describe(updated)} UNVERIFIED because its endpoint settings changed; " +
                         "it receives no events until Test-OktaEventHook verifies it again.");
        }

        if (PassThru)
        {
            // Okta's answer to an update can carry the previous lastUpdated; the hook as Okta now has it is one read away.
            if (!(updated.LastUpdated > hook.LastUpdated) && TryCall(hook.Id, (client, token) => client.GetAsync(hook.Id, token), out var current))
            {
                updated = current;
            }

            WriteObject(updated);
        }
    }

    /// <summary>
    /// <paramref name="before"/> with the named changes applied, the secret included when one is sent; null (after
    /// writing an error) when they cannot apply.
    /// </summary>
    private EventHookDefinition? Apply(EventHook hook, EventHookDefinition before)
    {
        var after = EventHookDefinition.From(hook);
        after.Name = Name ?? after.Name;
        after.Uri = Uri ?? after.Uri;
        if (Description != null)
        {
            after.Description = Description.Length == 0 ? null : Description;
        }

        foreach (var missing in (RemoveEventType ?? Array.Empty<string>()).Where(t => !before.EventTypes.Contains(t, StringComparer.Ordinal)))
        {
            WriteWarning($"Event hook {Describe(hook)} does not subscribe '{missing}'; there is nothing to remove.");
        }

        var types = EventType?.Distinct(StringComparer.Ordinal).ToList() ?? before.EventTypes.ToList();
        types.AddRange((AddEventType ?? Array.Empty<string>()).Where(t => !types.Contains(t, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal));
        types.RemoveAll(t => RemoveEventType?.Contains(t, StringComparer.Ordinal) == true);
        if (types.Count == 0)
        {
            var parameter = EventType != null ? nameof(EventType) : nameof(RemoveEventType);
            WriteError(OktaErrorRecord.InvalidParameter(parameter, null, $"would leave {Describe(hook)} without event types. Allowed: 1 to {EventHookRules.MaxEventTypes} event types."));
            return null;
        }

        after.EventTypes = types;
        foreach (var warning in EventTypeCatalog.Warnings(types.Except(before.EventTypes, StringComparer.Ordinal).ToList()))
        {
            WriteWarning(warning);
        }

        if (Filter != null)
        {
            after.Filter = HookParameters.Filter(this, Filter);
        }
        else
        {
            // A filter for an event type that is no longer subscribed would be refused by Okta: it goes, and the user is told.
            var dropped = after.Filter.Where(f => !types.Contains(f.Event, StringComparer.Ordinal)).ToList();
            if (dropped.Count > 0)
            {
                after.Filter = after.Filter.Except(dropped).ToList();
                WriteWarning($"The filter of {string.Join(", ", dropped.Select(f => f.Event))} is dropped from {Describe(hook)}, " +
                             "because that event type is no longer subscribed.");
            }
        }

        if (Header != null)
        {
            after.Headers = HookParameters.Headers(this, Header);
            HookParameters.WarnAboutCredentialHeaders(this, after.Headers);
        }

        if (RemoveAuthHeader)
        {
            after.AuthHeaderName = null;
        }
        else if (AuthHeaderValue != null)
        {
            after.AuthHeaderName = AuthHeaderName ?? before.AuthHeaderName ?? EventHookRules.DefaultAuthHeaderName;
            after.AuthHeaderValue = HookParameters.Reveal(AuthHeaderValue);
        }

        return after;
    }
}
