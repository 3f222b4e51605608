using System.Linq;
using System.Management.Automation;
using OktaEventHooks.Completion;
using OktaEventHooks.Session;
using OktaEventHooks.Validation;

namespace OktaEventHooks.Commands;

/// <summary>Deletes event hooks for good. Okta deletes only INACTIVE hooks; -Force deactivates an ACTIVE one first.</summary>
[Cmdlet(VerbsCommon.Remove, "OktaEventHook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
public sealed class RemoveOktaEventHookCommand : EventHookCmdlet
{
    /// <summary>Event hook ids; a value that is not shaped like an id is taken as a hook's exact name.</summary>
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("EventHookId")]
    [ValidateHookIdOrName]
    [ArgumentCompleter(typeof(HookIdOrNameCompleter))]
    public string[] Id { get; set; } = null!;

    /// <summary>Deactivate an ACTIVE hook before deleting it.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    protected override string ProgressActivity => "Removing event hooks";

    protected override void ProcessRecord() =>
        ForEachWithProgress(ResolveTargets(Id, wildcards: false).ToList(), t => t.Display, Remove);

    private void Remove(HookTarget target)
    {
        // Read the hook fresh: whether it is ACTIVE decides what happens, and a piped object may be stale.
        if (!TryCall(target.Id, (client, token) => client.GetAsync(target.Id, token), out var hook))
        {
            return;
        }

        var active = hook.Status == EventHookStatus.Active;
        if (active && !Force)
        {
            WriteError(OktaErrorRecord.Create(
                "EventHookIsActive",
                ErrorCategory.InvalidOperation,
                hook.Id,
                $"The event hook {Describe(hook)} is ACTIVE; Okta deletes only INACTIVE hooks. Nothing was deleted.",
                "Run Disable-OktaEventHook first, or repeat with -Force to deactivate and delete it."));
            return;
        }

        if (!ShouldProcessInOrg(Describe(hook), active ? "Deactivate and delete event hook" : "Delete event hook"))
        {
            return;
        }

        if (active)
        {
            Writing(
                $"The event hook {Describe(hook)} may have been deactivated: check it with Get-OktaEventHook -Id {hook.Id}; it was not deleted.",
                $"Okta refused to deactivate the event hook {Describe(hook)}: it is still ACTIVE and was not deleted.");
            if (!TryCall(hook.Id, (client, token) => client.DeactivateAsync(hook.Id, token), out _))
            {
                return;
            }

            LeftState = $"The event hook {Describe(hook)} was deactivated and is now INACTIVE (it receives no events); it was not deleted. " +
                        $"Delete it with Remove-OktaEventHook -Id {hook.Id}, or reactivate it with Enable-OktaEventHook -Id {hook.Id}.";
        }

        if (TryCall(hook.Id, (client, token) => client.DeleteAsync(hook.Id, token)))
        {
            LeftState = null;
            SeenEventHooks.Forget(hook.Id);
            WriteOrgVerbose($"Deleted event hook {Describe(hook)}.");
        }
    }
}
