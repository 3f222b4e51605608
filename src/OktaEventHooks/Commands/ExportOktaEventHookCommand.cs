using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System;
using OktaEventHooks.Client.EventHooks;
using OktaEventHooks.Completion;
using OktaEventHooks.Validation;

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
    [ValidateHookIdOrName]
    [ArgumentCompleter(typeof(HookIdOrNameCompleter))]
    public string[] Id { get; set; } = null!;

    /// <summary>Hook names to export; wildcards allowed, compared without regard to case.</summary>
    [Parameter(ParameterSetName = ListSet)]
    [SupportsWildcards]
    [ValidateNamePattern]
    [ArgumentCompleter(typeof(EventHookNameCompleter))]
    public string[]? Name { get; set; }

    private readonly Dictionary<string, EventHook> _hooks = new Dictionary<string, EventHook>(StringComparer.Ordinal);
    private bool _failed;
    private string _path = string.Empty;

    protected override string ProgressActivity => "Reading event hooks to export";

    protected override void BeginProcessing()
    {
        // Checked before anything is read from Okta.
        _path = LocalFile.OutputPath(this, nameof(Path), Path);
        base.BeginProcessing();
    }

    protected override void ProcessRecord()
    {
        if (ParameterSetName == IdSet)
        {
            var targets = ResolveTargets(Id, wildcards: true).ToList();
            _failed |= targets.Count == 0;
            ForEachWithProgress(targets, t => t.Display, target =>
            {
                if (target.Hook != null)
                {
                    _hooks[target.Id] = target.Hook;
                }
                else if (TryCall(target.Id, (client, token) => client.GetAsync(target.Id, token), out var hook))
                {
                    _hooks[hook.Id] = hook;
                }
                else
                {
                    _failed = true;
                }
            });

            return;
        }

        _failed |= !SelectByName(OrgHooks(), Name, out var selected);
        foreach (var hook in selected)
        {
            _hooks[hook.Id] = hook;
        }
    }

    protected override void EndProcessing()
    {
        base.EndProcessing();

        // A partial file is worse than none: imported with -Prune it would delete the hooks that failed to read.
        if (_failed)
        {
            WriteError(OktaErrorRecord.Create(
                "EventHookExportIncomplete",
                ErrorCategory.InvalidResult,
                _path,
                $"Not all requested event hooks could be read, so '{_path}' was not written.",
                "Fix the errors above and run the export again."));
            return;
        }

        if (_hooks.Count == 0 && Name != null)
        {
            // Such a file, imported with -Prune, would delete every hook of the org.
            WriteError(OktaErrorRecord.Create(
                "EventHookExportEmpty",
                ErrorCategory.ObjectNotFound,
                Name,
                $"No event hook matches -Name {string.Join(", ", Name.Select(n => "'" + n + "'"))}, so '{_path}' was not written.",
                "Run Get-OktaEventHook to list the hooks of the org."));
            return;
        }

        var ordered = _hooks.Values.OrderBy(h => h.Name, StringComparer.OrdinalIgnoreCase).ThenBy(h => h.Id, StringComparer.Ordinal).ToList();
        foreach (var duplicate in ordered.GroupBy(h => h.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            WriteWarning($"{duplicate.Count()} hooks are named '{duplicate.Key}' ({string.Join(", ", duplicate.Select(h => h.Id))}); " +
                         "Import-OktaEventHook matches hooks by name and will refuse this file until the names are unique.");
        }

        foreach (var hook in ordered)
        {
            foreach (var problem in EventHookRules.Validate(EventHookDefinition.From(hook)))
            {
                WriteWarning($"Hook '{hook.Name}' breaks a rule Import-OktaEventHook checks ({problem.Field}: {problem.Message}); the file will need a correction before it imports.");
            }
        }

        if (ordered.Count == 0)
        {
            WriteWarning($"The org has no event hooks: '{_path}' lists none. Imported with -Prune, such a file deletes every hook of the target org.");
        }

        if (!ShouldProcess(_path, $"Export {ordered.Count} event hook(s) from {OrgName}"))
        {
            return;
        }

        var json = EventHookDocument.Write(ordered, CurrentConnection.OrgUrl, DateTime.UtcNow, SecretPlaceholder);
        try
        {
            LocalFile.WriteAllAtOnce(_path, json + Environment.NewLine);
        }
        catch (Exception ex) when (ex is IOException || ex is UnauthorizedAccessException)
        {
            WriteError(OktaErrorRecord.Create(
                "EventHookExportFailed",
                ErrorCategory.WriteError,
                _path,
                $"'{_path}' could not be written ({ex.Message.TrimEnd('.')}); " +
                (File.Exists(_path) ? "the previous file there is unchanged." : "no file was written."),
                "Free some space or choose another folder, and run the export again."));
            return;
        }

        WriteOrgVerbose($"Wrote {ordered.Count} event hook(s) to {_path}.");
    }

    /// <summary>What the file holds instead of a secret: how Import-OktaEventHook wants it.</summary>
    private static string SecretPlaceholder(string hookName) =>
        $"<secret: supply with -AuthHeaderValue @{{ '{hookName.Replace("'", "''")}' = <SecureString> }}>";
}
