using System.Collections;
using System.Collections.Generic;
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

/// <summary>Creates an event hook. Okta creates it ACTIVE and UNVERIFIED.</summary>
[Cmdlet(VerbsCommon.New, "OktaEventHook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(EventHook))]
public sealed class NewOktaEventHookCommand : EventHookCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateHookName]
    public string Name { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateHookUri]
    public string Uri { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [Alias("EventTypes")]
    [ValidateCount(1, EventHookRules.MaxEventTypes)]
    [ValidateEventType]
    [ArgumentCompleter(typeof(EventTypeCompleter))]
    public string[] EventType { get; set; } = null!;

    [Parameter(ValueFromPipelineByPropertyName = true)]
    public string? Description { get; set; }

    /// <summary>Custom headers, name to value. Okta returns them in clear text: no secrets here.</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    [Alias("Headers")]
    public IDictionary? Header { get; set; }

    [Parameter]
    public string AuthHeaderName { get; set; } = EventHookRules.DefaultAuthHeaderName;

    [Parameter]
    [ValidateNotNull]
    public SecureString? AuthHeaderValue { get; set; }

    /// <summary>Event type to Okta Expression Language condition (an Okta Early Access feature).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public IDictionary? Filter { get; set; }

    /// <summary>Verify the endpoint right after creating the hook.</summary>
    [Parameter]
    public SwitchParameter Verify { get; set; }

    /// <summary>Create the hook even when the org already has one of that name.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Hooks this command created, so that a name piped twice is a namesake too.</summary>
    private readonly List<EventHook> _created = new List<EventHook>();

    protected override string ProgressActivity => "Creating event hooks";

    protected override void BeginProcessing()
    {
        HookParameters.CheckAuthHeader(this, MyInvocation.BoundParameters.ContainsKey(nameof(AuthHeaderName)), AuthHeaderName, AuthHeaderValue);
        base.BeginProcessing();
    }

    protected override void ProcessRecord()
    {
        var definition = new EventHookDefinition
        {
            Name = Name,
            Description = string.IsNullOrEmpty(Description) ? null : Description,
            EventTypes = EventType.Distinct(StringComparer.Ordinal).ToList(),
            Filter = HookParameters.Filter(this, Filter),
            Uri = Uri,
            Headers = HookParameters.Headers(this, Header),
            AuthHeaderName = AuthHeaderValue != null ? AuthHeaderName : null,
        };
        if (!HookParameters.Report(this, EventHookRules.Validate(definition), Name))
        {
            return;
        }

        HookParameters.WarnAboutCredentialHeaders(this, definition.Headers);
        foreach (var warning in EventTypeCatalog.Warnings(definition.EventTypes))
        {
            WriteWarning(warning);
        }

        var namesakes = OrgHooks().Concat(_created).Where(h => string.Equals(h.Name, Name, StringComparison.OrdinalIgnoreCase)).ToList();
        if (namesakes.Count > 0)
        {
            var ids = string.Join(", ", namesakes.Select(h => h.Id));
            if (!Force)
            {
                // A re-run runbook would otherwise create a second hook each time, and every name-based command refuses both.
                WriteError(OktaErrorRecord.Create(
                    "EventHookNameExists",
                    ErrorCategory.ResourceExists,
                    Name,
                    $"The org already has {namesakes.Count} hook(s) named '{Name}' ({ids}); nothing was created.",
                    $"Change that hook with Set-OktaEventHook -Id {namesakes[0].Id}, choose another name, or add -Force to create a second hook of that name."));
                return;
            }

            WriteWarning($"The org already has {namesakes.Count} hook(s) named '{Name}' ({ids}); " +
                         "another one would make names ambiguous for Import-OktaEventHook and for commands that take a name.");
        }

        if (!ShouldProcessInOrg($"{Name} ({Uri})", "Create event hook: " + string.Join("; ", EventHookRules.Diff(null, definition.WithSecretShownAsSent()))))
        {
            return;
        }

        definition.AuthHeaderValue = AuthHeaderValue == null ? null : HookParameters.Reveal(AuthHeaderValue);
        Writing(
            $"The create of '{Name}' may or may not have reached Okta: check with Get-OktaEventHook -Name '{Name.Replace("'", "''")}' before creating it again.",
            $"Okta refused the create of '{Name}': nothing was created.");
        if (!TryCall(Name, (client, token) => client.CreateAsync(definition, token), out var hook))
        {
            return;
        }

        SeenEventHooks.Remember(hook);
        _created.Add(hook);
        Written();
        if (Verify)
        {
            LeftState = $"The hook {Describe(hook)} was created, ACTIVE and UNVERIFIED; do not create it again: verify it with Test-OktaEventHook -Id {hook.Id}.";
            if (TryCall(hook.Id, (client, token) => client.VerifyAsync(hook.Id, token), out var verified))
            {
                hook = verified;
            }

            LeftState = null;
        }

        SeenEventHooks.Remember(hook);
        WriteObject(hook);
    }
}
