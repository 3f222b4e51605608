using System.Linq;
using System.Management.Automation;
using OktaEventHooks.Completion;

namespace OktaEventHooks.Commands;

/// <summary>Lists the org's event hooks, or gets hooks by id.</summary>
[Cmdlet(VerbsCommon.Get, "OktaEventHook", DefaultParameterSetName = ListSet)]
[OutputType(typeof(EventHook))]
public sealed class GetOktaEventHookCommand : EventHookCmdlet
{
    public const string ListSet = "List";
    public const string IdSet = "Id";

    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
    [Alias("EventHookId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EventHookIdCompleter))]
    public string[] Id { get; set; } = null!;

    /// <summary>Hook names to return; wildcards allowed, compared without regard to case.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EventHookNameCompleter))]
    public string[]? Name { get; set; }

    private HookProgress? _progress;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == IdSet)
        {
            _progress ??= new HookProgress(this, "Reading event hooks");
            var total = MyInvocation.ExpectingInput ? (int?)null : Id.Length;
            foreach (var id in Id)
            {
                _progress.Next(id, total);
                if (TryCall(id, (client, token) => client.GetAsync(id, token), out var hook))
                {
                    SeenEventHooks.Remember(hook);
                    WriteObject(hook);
                }
            }

            return;
        }

        if (!TryCall(null, (client, token) => client.ListAsync(token), out var hooks))
        {
            return;
        }

        // The full list, whatever -Name keeps: completion of -Id and -Name offers every hook of the org.
        SeenEventHooks.ReplaceAll(hooks);

        if (Name == null)
        {
            WriteObject(hooks, enumerateCollection: true);
            return;
        }

        var patterns = Name.Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
        WriteObject(hooks.Where(h => patterns.Any(p => p.IsMatch(h.Name))), enumerateCollection: true);

        // Like Get-Process: a plain name that matches nothing is an error, a wildcard that matches nothing is not.
        foreach (var name in Name.Where(n => !WildcardPattern.ContainsWildcardCharacters(n)))
        {
            if (!hooks.Any(h => string.Equals(h.Name, WildcardPattern.Unescape(name), System.StringComparison.OrdinalIgnoreCase)))
            {
                WriteError(OktaErrorRecord.Create(
                    "EventHookNameNotFound",
                    ErrorCategory.ObjectNotFound,
                    name,
                    $"No event hook is named '{name}'.",
                    "Run Get-OktaEventHook to list the hooks of the org."));
            }
        }
    }

    protected override void EndProcessing() => _progress?.Complete();
}
