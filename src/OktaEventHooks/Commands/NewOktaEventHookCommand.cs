using System.Collections;
using System.Linq;
using System.Management.Automation;
using System.Security;
using OktaEventHooks.Catalog;
using OktaEventHooks.Client;
using OktaEventHooks.Completion;
using OktaEventHooks.Validation;

namespace OktaEventHooks.Commands;

/// <summary>Creates an event hook. Okta creates it ACTIVE and UNVERIFIED.</summary>
[Cmdlet(VerbsCommon.New, "OktaEventHook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(EventHook))]
public sealed class NewOktaEventHookCommand : EventHookCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
    [ValidateLength(1, 255)]
    public string Name { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 1, ValueFromPipelineByPropertyName = true)]
    [ValidateHookUri]
    public string Uri { get; set; } = null!;

    [Parameter(Mandatory = true, Position = 2, ValueFromPipelineByPropertyName = true)]
    [Alias("EventTypes")]
    [ValidateCount(1, 300)]
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
    [ValidateLength(1, 255)]
    public string AuthHeaderName { get; set; } = HookParameters.DefaultAuthHeaderName;

    [Parameter]
    [ValidateNotNull]
    public SecureString? AuthHeaderValue { get; set; }

    /// <summary>Event type to Okta Expression Language condition (an Okta Early Access feature).</summary>
    [Parameter(ValueFromPipelineByPropertyName = true)]
    public IDictionary? Filter { get; set; }

    /// <summary>Verify the endpoint right after creating the hook.</summary>
    [Parameter]
    public SwitchParameter Verify { get; set; }

    protected override void ProcessRecord()
    {
        var eventTypes = EventType.Distinct().ToList();
        var authName = AuthHeaderValue != null ? AuthHeaderName : null;
        if (AuthHeaderValue == null && MyInvocation.BoundParameters.ContainsKey(nameof(AuthHeaderName)))
        {
            WriteError(OktaErrorRecord.InvalidParameter(nameof(AuthHeaderName), AuthHeaderName, "needs -AuthHeaderValue, the secret Okta sends in that header."));
            return;
        }

        if (AuthHeaderValue != null && AuthHeaderValue.Length == 0)
        {
            WriteError(OktaErrorRecord.InvalidParameter(nameof(AuthHeaderValue), null, "The secret is empty. Allowed: a non-empty SecureString."));
            return;
        }

        if (HookParameters.ReadHeaders(Header, authName, out var headers) is string headerProblem)
        {
            WriteError(OktaErrorRecord.InvalidParameter(nameof(Header), Header, headerProblem));
            return;
        }

        if (HookParameters.ReadFilter(Filter, eventTypes, out var filter) is string filterProblem)
        {
            WriteError(OktaErrorRecord.InvalidParameter(nameof(Filter), Filter, filterProblem));
            return;
        }

        if (EventTypeCatalog.UnknownWarning(eventTypes) is string unknown)
        {
            WriteWarning(unknown);
        }

        if (!ShouldProcess($"{Name} ({Uri})", "Create event hook"))
        {
            return;
        }

        var definition = new EventHookDefinition
        {
            Name = Name,
            Description = string.IsNullOrEmpty(Description) ? null : Description,
            EventTypes = eventTypes,
            Filter = filter,
            Uri = Uri,
            Headers = headers,
            AuthHeaderName = authName,
            AuthHeaderValue = AuthHeaderValue == null ? null : HookParameters.Reveal(AuthHeaderValue),
        };
        if (!TryCall(Name, (client, token) => client.CreateAsync(definition, token), out var hook))
        {
            return;
        }

        SeenEventHooks.Remember(hook);
        if (Verify && TryCall(hook.Id, (client, token) => client.VerifyAsync(hook.Id, token), out var verified))
        {
            hook = verified;
        }

        WriteObject(hook);
    }
}
