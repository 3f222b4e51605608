using System;
using System.Management.Automation;
using OktaEventHooks.Completion;
using OktaEventHooks.Validation;

namespace OktaEventHooks;

/// <summary>
/// Base of the cmdlets that read about hooks of the org over a time window (Get-OktaEventHookLog,
/// Get-OktaEventHookHealth): all hooks by default, or those chosen by -Id (an id, or a name where an id goes) or by
/// -Name (wildcards), with the same checks and completers as every other cmdlet.
/// </summary>
public abstract class HookSelectionCmdlet : EventHookCmdlet
{
    public const string AllSet = "All";
    public const string IdSet = "Id";
    public const string NameSet = "Name";

    /// <summary>The window read when the caller gives no -Since: the last 24 hours.</summary>
    public static readonly TimeSpan DefaultWindow = TimeSpan.FromHours(24);

    /// <summary>Event hook ids; a value that is not shaped like an id is taken as the name of a hook of the org today.</summary>
    [Parameter(Mandatory = true, Position = 0, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("EventHookId")]
    [ValidateHookIdOrName]
    [ArgumentCompleter(typeof(EventHookIdCompleter))]
    public string[] Id { get; set; } = null!;

    /// <summary>Hook names; wildcards allowed, without regard to case.</summary>
    [Parameter(Mandatory = true, ParameterSetName = NameSet)]
    [SupportsWildcards]
    [ValidateNamePattern]
    [ArgumentCompleter(typeof(EventHookNameCompleter))]
    public string[] Name { get; set; } = null!;
}
