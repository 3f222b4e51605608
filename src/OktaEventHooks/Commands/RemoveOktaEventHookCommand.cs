using System.Management.Automation;
using OktaEventHooks.Completion;

namespace OktaEventHooks.Commands;

/// <summary>Deletes event hooks for good. Okta deletes only INACTIVE hooks; -Force deactivates an ACTIVE one first.</summary>
[Cmdlet(VerbsCommon.Remove, "OktaEventHook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.High)]
public sealed class RemoveOktaEventHookCommand : EventHookCmdlet
{
    [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("EventHookId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EventHookIdCompleter))]
    public string[] Id { get; set; } = null!;

    /// <summary>Deactivate an ACTIVE hook before deleting it.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    private HookProgress? _progress;

    protected override void ProcessRecord()
    {
        _progress ??= new HookProgress(this, "Removing event hooks");
        var total = MyInvocation.ExpectingInput ? (int?)null : Id.Length;
        foreach (var id in Id)
        {
            _progress.Next(id, total);
            // Read the hook fresh: whether it is ACTIVE decides what happens, and a piped object may be stale.
            if (!TryCall(id, (client, token) => client.GetAsync(id, token), out var hook))
            {
                continue;
            }

            var active = hook.Status == "ACTIVE";
            if (active && !Force)
            {
                WriteError(OktaErrorRecord.Create(
                    "EventHookIsActive",
                    ErrorCategory.InvalidOperation,
                    id,
                    $"The event hook {Describe(hook)} is ACTIVE; Okta deletes only INACTIVE hooks. Nothing was deleted.",
                    "Run Disable-OktaEventHook first, or repeat with -Force to deactivate and delete it."));
                continue;
            }

            if (!ShouldProcess(Describe(hook), active ? "Deactivate and delete event hook" : "Delete event hook"))
            {
                continue;
            }

            if (active && !TryCall(id, (client, token) => client.DeactivateAsync(id, token), out _))
            {
                continue;
            }

            if (TryCall(id, (client, token) => client.DeleteAsync(id, token)))
            {
                SeenEventHooks.Forget(id);
                WriteVerbose($"Deleted event hook {Describe(hook)}.");
            }
        }
    }

    protected override void EndProcessing() => _progress?.Complete();
}
