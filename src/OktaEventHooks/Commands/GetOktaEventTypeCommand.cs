using System.Management.Automation;
using OktaEventHooks.Catalog;
using OktaEventHooks.Validation;

namespace OktaEventHooks.Commands;

/// <summary>Lists the event-hook-eligible event types of the catalog shipped with the module. Sends no request.</summary>
[Cmdlet(VerbsCommon.Get, "OktaEventType")]
[OutputType(typeof(OktaEventType))]
public sealed class GetOktaEventTypeCommand : PSCmdlet
{
    /// <summary>Names to return; wildcards allowed, compared without regard to case.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNamePattern]
    [ArgumentCompleter(typeof(Completion.EventTypeCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Also list the types Okta marks beta (eligible for hooks, hidden from its public catalog).</summary>
    [Parameter]
    public SwitchParameter IncludeBeta { get; set; }

    protected override void ProcessRecord()
    {
        var selected = NameFilter.Select(EventTypeCatalog.All(IncludeBeta), t => t.Name, Name, out var notFound);
        WriteObject(selected, enumerateCollection: true);
        foreach (var name in notFound)
        {
            var hint = IncludeBeta || !EventTypeCatalog.Contains(name)
                ? EventTypeCatalog.DidYouMean(name)
                : " It is a beta type: add -IncludeBeta.";
            WriteError(OktaErrorRecord.Create(
                "EventTypeNotFound",
                ErrorCategory.ObjectNotFound,
                name,
                $"'{name}' is not in the module's event type catalog." + hint,
                "Okta adds event types every month; a newer type can still be subscribed to with New-OktaEventHook or Set-OktaEventHook."));
        }
    }
}
