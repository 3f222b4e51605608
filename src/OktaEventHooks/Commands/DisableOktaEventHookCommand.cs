using System.Management.Automation;

namespace OktaEventHooks.Commands;

/// <summary>Deactivates event hooks (lifecycle/deactivate). An INACTIVE hook receives no events.</summary>
[Cmdlet(VerbsLifecycle.Disable, "OktaEventHook", SupportsShouldProcess = true, DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(EventHook))]
public sealed class DisableOktaEventHookCommand : HookTargetCmdlet
{
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessHook(string id, string display)
    {
        if (ShouldProcess(display, "Deactivate event hook")
            && TryCall(id, (client, token) => client.DeactivateAsync(id, token), out var hook)
            && PassThru)
        {
            WriteObject(hook);
        }
    }
}
