using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Text;
using OktaEventHooks.Client;
using OktaEventHooks.Completion;

namespace OktaEventHooks.Commands;

/// <summary>
/// Writes hooks to a desired-state file (Okta's JSON shape in a versioned envelope) for Import-OktaEventHook.
/// Secrets are never written: Okta does not return them, and the file says where one must be supplied.
/// </summary>
[Cmdlet(VerbsData.Export, "OktaEventHook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Low, DefaultParameterSetName = ListSet)]
public sealed class ExportOktaEventHookCommand : EventHookCmdlet
{
    public const string ListSet = "List";
    public const string IdSet = "Id";

    /// <summary>The JSON file to write; an existing file is replaced.</summary>
    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = null!;

    [Parameter(Mandatory = true, ParameterSetName = IdSet, ValueFromPipelineByPropertyName = true)]
    [Alias("EventHookId")]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EventHookIdCompleter))]
    public string[] Id { get; set; } = null!;

    /// <summary>Hook names to export; wildcards allowed, compared without regard to case.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [SupportsWildcards]
    [ValidateNotNullOrEmpty]
    [ArgumentCompleter(typeof(EventHookNameCompleter))]
    public string[]? Name { get; set; }

    private readonly Dictionary<string, EventHook> _hooks = new Dictionary<string, EventHook>(StringComparer.Ordinal);
    private HookProgress? _progress;
    private bool _failed;

    protected override void ProcessRecord()
    {
        if (ParameterSetName == IdSet)
        {
            _progress ??= new HookProgress(this, "Reading event hooks to export");
            var total = MyInvocation.ExpectingInput ? (int?)null : Id.Length;
            foreach (var id in Id)
            {
                _progress.Next(id, total);
                if (TryCall(id, (client, token) => client.GetAsync(id, token), out var hook))
                {
                    _hooks[hook.Id] = hook;
                }
                else
                {
                    _failed = true;
                }
            }

            return;
        }

        if (!TryCall(null, (client, token) => client.ListAsync(token), out var all))
        {
            _failed = true;
            return;
        }

        SeenEventHooks.ReplaceAll(all);
        var patterns = (Name ?? Array.Empty<string>()).Select(n => new WildcardPattern(n, WildcardOptions.IgnoreCase)).ToArray();
        foreach (var hook in all.Where(h => Name == null || patterns.Any(p => p.IsMatch(h.Name))))
        {
            _hooks[hook.Id] = hook;
        }

        foreach (var name in (Name ?? Array.Empty<string>()).Where(n => !WildcardPattern.ContainsWildcardCharacters(n)))
        {
            if (!all.Any(h => string.Equals(h.Name, WildcardPattern.Unescape(name), StringComparison.OrdinalIgnoreCase)))
            {
                _failed = true;
                WriteError(OktaErrorRecord.Create(
                    "EventHookNameNotFound",
                    ErrorCategory.ObjectNotFound,
                    name,
                    $"No event hook is named '{name}'.",
                    "Run Get-OktaEventHook to list the hooks of the org."));
            }
        }
    }

    protected override void EndProcessing()
    {
        _progress?.Complete();
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);

        // A partial file is worse than none: imported with -Prune it would delete the hooks that failed to read.
        if (_failed)
        {
            WriteError(OktaErrorRecord.Create(
                "EventHookExportIncomplete",
                ErrorCategory.InvalidResult,
                path,
                $"Not all requested event hooks could be read, so '{path}' was not written.",
                "Fix the errors above and run the export again."));
            return;
        }

        var ordered = _hooks.Values.OrderBy(h => h.Name, StringComparer.OrdinalIgnoreCase).ThenBy(h => h.Id, StringComparer.Ordinal).ToList();
        foreach (var duplicate in ordered.GroupBy(h => h.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            WriteWarning($"{duplicate.Count()} hooks are named '{duplicate.Key}' ({string.Join(", ", duplicate.Select(h => h.Id))}); " +
                         "Import-OktaEventHook matches hooks by name and will refuse this file until the names are unique.");
        }

        if (!ShouldProcess(path, $"Export {ordered.Count} event hook(s)"))
        {
            return;
        }

        var orgUrl = (Connection ?? DefaultConnection.Current)!.OrgUrl;
        var json = EventHookDocument.Write(ordered, orgUrl, DateTime.UtcNow, SecretPlaceholder);
        File.WriteAllText(path, json + Environment.NewLine, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        WriteVerbose($"Wrote {ordered.Count} event hook(s) to {path}.");
    }

    /// <summary>What the file holds instead of a secret: how Import-OktaEventHook wants it.</summary>
    private static string SecretPlaceholder(string hookName) =>
        $"<secret: supply with -AuthHeaderValue @{{ '{hookName.Replace("'", "''")}' = <SecureString> }}>";
}
