using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
using System.Threading;
using System;
using OktaEventHooks.Client.EventHooks;
using OktaEventHooks.Session;
using OktaEventHooks.Validation;

namespace OktaEventHooks;

/// <summary>
/// Base of the cmdlets that act on existing hooks (Enable, Disable, Test): takes -Id (an id, or a hook's exact
/// name), or the EventHook objects themselves from the pipeline, so a piped hook needs no extra read to be named.
/// </summary>
public abstract class HookTargetCmdlet : EventHookCmdlet
{
    public const string IdSet = "Id";
    public const string InputObjectSet = "InputObject";

    /// <summary>Event hook ids; a value that is not shaped like an id is taken as a hook's exact name.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("EventHookId")]
    [ValidateHookIdOrName]
    [ArgumentCompleter(typeof(Completion.HookIdOrNameCompleter))]
    public string[] Id { get; set; } = null!;

    /// <summary>Hooks from Get-OktaEventHook.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public EventHook[] InputObject { get; set; } = null!;

    protected override void ProcessRecord()
    {
        var targets = ParameterSetName == InputObjectSet
            ? InputObject.Select(hook => new HookTarget(hook.Id, Describe(hook), hook)).ToList()
            : ResolveTargets(Id, wildcards: false).ToList();
        ForEachWithProgress(targets, t => t.Display, t => ProcessHook(t.Id, NameForConfirmation(t)));
    }

    /// <summary>Acts on one hook; <paramref name="display"/> names it in confirmations.</summary>
    protected abstract void ProcessHook(string id, string display);

    /// <summary>One lifecycle call (activate, deactivate) on one hook, confirmed first; the hook is written with -PassThru.</summary>
    protected void ChangeLifecycle(string id, string display, string action, bool passThru, Func<EventHookClient, CancellationToken, Task<EventHook>> call)
    {
        if (ShouldProcessInOrg(display, action) && TryCall(id, call, out var hook))
        {
            SeenEventHooks.Remember(hook);
            if (passThru)
            {
                WriteObject(hook);
            }
        }
    }
}
