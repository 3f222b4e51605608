using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using OktaEventHooks.Client.EventHooks;
using OktaEventHooks.Completion;
using OktaEventHooks.Session;
using OktaEventHooks.Validation;

namespace OktaEventHooks.Commands;

/// <summary>Lists the org's event hooks, or gets hooks by id or by name.</summary>
[Cmdlet(VerbsCommon.Get, "OktaEventHook", DefaultParameterSetName = ListSet)]
[OutputType(typeof(EventHook))]
public sealed class GetOktaEventHookCommand : EventHookCmdlet
{
    public const string ListSet = "List";
    public const string IdSet = "Id";

    /// <summary>Event hook ids; a value that is not shaped like an id is taken as a name (wildcards allowed).</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("EventHookId")]
    [ValidateHookIdOrName]
    [ArgumentCompleter(typeof(HookIdOrNameCompleter))]
    public string[] Id { get; set; } = null!;

    /// <summary>Hook names to return; wildcards allowed, compared without regard to case.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [SupportsWildcards]
    [ValidateNamePattern]
    [ArgumentCompleter(typeof(EventHookNameCompleter))]
    public string[]? Name { get; set; }

    protected override string ProgressActivity => "Reading event hooks";

    protected override void ProcessRecord()
    {
        if (ParameterSetName == ListSet)
        {
            SelectByName(OrgHooks(), Name, out var selected);
            WriteHooks(selected);
            return;
        }

        var ids = Id.Where(EventHookRules.LooksLikeId).ToList();
        var names = Id.Where(v => !EventHookRules.LooksLikeId(v)).ToList();
        ForEachWithProgress(ids, id => id, id =>
        {
            if (TryCall(id, (client, token) => client.GetAsync(id, token), out var hook))
            {
                SeenEventHooks.Remember(hook);
                WriteHooks(new[] { hook });
            }
        });

        if (names.Count > 0)
        {
            SelectByName(OrgHooks(), names, out var selected);
            WriteHooks(selected);
        }
    }

    /// <summary>Writes the hooks as read; one the org returned malformed is written too, with a warning saying what is wrong.</summary>
    private void WriteHooks(IReadOnlyList<EventHook> hooks)
    {
        foreach (var hook in hooks)
        {
            if (MalformedError(hook) is ErrorRecord malformed)
            {
                WriteWarning(malformed.Exception.Message);
            }

            WriteObject(hook);
        }
    }
}
