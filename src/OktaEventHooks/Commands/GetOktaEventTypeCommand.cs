using System;
using System.Linq;
using System.Management.Automation;
using OktaEventHooks.Catalog;

namespace OktaEventHooks.Commands;

/// <summary>Lists the event-hook-eligible event types of the catalog shipped with the module. Sends no request.</summary>
[Cmdlet(VerbsCommon.Get, "OktaEventType")]
[OutputType(typeof(OktaEventType))]
public sealed class GetOktaEventTypeCommand : PSCmdlet
{
    /// <summary>Names to return; wildcards allowed, compared without regard to case.</summary>
    [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.EventTypeCompleter))]
    public string[]? Name { get; set; }

    /// <summary>Also list the types Okta marks beta (eligible for hooks, hidden from its public catalog).</summary>
    [Parameter]
    public SwitchParameter IncludeBeta { get; set; }

    protected override void ProcessRecord()
    {
        var catalog = EventTypeCatalog.All(IncludeBeta).ToList();
        if (Name == null)
        {
            WriteObject(catalog, enumerateCollection: true);
            return;
        }

        var patterns = Name.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
        WriteObject(catalog.Where(t => patterns.Any(p => p.IsMatch(t.Name))), enumerateCollection: true);

        // Like Get-Command: a plain name that is not in the catalog is an error, a wildcard that matches nothing is not.
        foreach (var name in Name.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)))
        {
            if (catalog.Any(t => string.Equals(t.Name, WildcardPattern.Unescape(name), StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }

            var hint = IncludeBeta || !EventTypeCatalog.Contains(name)
                ? EventTypeCatalog.Nearest(name) is { Count: > 0 } nearest ? " Nearest known names: " + string.Join(", ", nearest) + "." : string.Empty
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
