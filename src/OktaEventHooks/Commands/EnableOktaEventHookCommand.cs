using System.Management.Automation;

namespace OktaEventHooks.Commands;

/// <summary>Activates event hooks (lifecycle/activate).</summary>
[Cmdlet(VerbsLifecycle.Enable, "OktaEventHook", SupportsShouldProcess = true, DefaultParameterSetName = InputObjectSet)]
[OutputType(typeof(EventHook))]
public sealed class EnableOktaEventHookCommand : HookTargetCmdlet
{
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    protected override void ProcessHook(string id, string display)
    {
        if (ShouldProcess(display, "Activate event hook")
            && TryCall(id, (client, token) => client.ActivateAsync(id, token), out var hook)
            && PassThru)
        {
            WriteObject(hook);
        }
    }
}
