using System.Management.Automation;

namespace OktaEventHooks;

/// <summary>
/// Base of the cmdlets that act on existing hooks by id (Enable, Disable, Test): takes -Id, or the
/// EventHook objects themselves from the pipeline, so a piped hook needs no extra read to be named.
/// </summary>
public abstract class HookTargetCmdlet : EventHookCmdlet
{
    public const string IdSet = "Id";
    public const string InputObjectSet = "InputObject";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("EventHookId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(Completion.EventHookIdCompleter))]
    public string[] Id { get; set; } = null!;

    /// <summary>Hooks from Get-OktaEventHook.</summary>
    [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
    [ValidateNotNull]
    public EventHook[] InputObject { get; set; } = null!;

    private HookProgress? _progress;

    /// <summary>The progress activity; the command's name unless a cmdlet says better.</summary>
    protected virtual string ProgressActivity => MyInvocation.MyCommand.Name;

    protected override void ProcessRecord()
    {
        _progress ??= new HookProgress(this, ProgressActivity);

        // From the pipeline the number of hooks is not known up front; from a parameter it is.
        var total = MyInvocation.ExpectingInput ? (int?)null : (ParameterSetName == InputObjectSet ? InputObject.Length : Id.Length);
        if (ParameterSetName == InputObjectSet)
        {
            foreach (var hook in InputObject)
            {
                _progress.Next(Describe(hook), total);
                ProcessHook(hook.Id, Describe(hook));
            }

            return;
        }

        foreach (var id in Id)
        {
            _progress.Next(id, total);
            ProcessHook(id, id);
        }
    }

    protected override void EndProcessing() => _progress?.Complete();

    /// <summary>Acts on one hook; <paramref name="display"/> names it in confirmations.</summary>
    protected abstract void ProcessHook(string id, string display);
}
