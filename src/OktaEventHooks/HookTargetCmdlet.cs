using System.Management.Automation;

namespace OktaEventHooks
{
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
        public string[] Id { get; set; } = null!;

        /// <summary>Hooks from Get-OktaEventHook.</summary>
        [Parameter(Mandatory = true, ParameterSetName = InputObjectSet, ValueFromPipeline = true)]
        [ValidateNotNull]
        public EventHook[] InputObject { get; set; } = null!;

        protected override void ProcessRecord()
        {
            if (ParameterSetName == InputObjectSet)
            {
                foreach (var hook in InputObject)
                {
                    ProcessHook(hook.Id, Describe(hook));
                }

                return;
            }

            foreach (var id in Id)
            {
                ProcessHook(id, id);
            }
        }

        /// <summary>Acts on one hook; <paramref name="display"/> names it in confirmations.</summary>
        protected abstract void ProcessHook(string id, string display);
    }
}
