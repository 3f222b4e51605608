using System.Management.Automation;

namespace OktaEventHooks.Commands;

/// <summary>Activates event hooks (lifecycle/activate).</summary>
[Cmdlet(VerbsLifecycle.Enable, "OktaEventHook", SupportsShouldProcess = true, DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(EventHook))]
public sealed class EnableOktaEventHookCommand : HookTargetCmdlet
{
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override string ProgressActivity => "Activating event hooks";

    protected override void ProcessHook(string id, string display) =>
        ChangeLifecycle(id, display, "Activate event hook", PassThru, (client, token) => client.ActivateAsync(id, token));
}
