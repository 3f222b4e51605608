using System.Management.Automation;

namespace OktaEventHooks.Commands;

/// <summary>Deactivates event hooks (lifecycle/deactivate). An INACTIVE hook receives no events.</summary>
[Cmdlet(VerbsLifecycle.Disable, "OktaEventHook", SupportsShouldProcess = true, DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(EventHook))]
public sealed class DisableOktaEventHookCommand : HookTargetCmdlet
{
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override string ProgressActivity => "Deactivating event hooks";

    protected override void ProcessHook(string id, string display) =>
        ChangeLifecycle(id, display, "Deactivate event hook", PassThru, (client, token) => client.DeactivateAsync(id, token));
}
