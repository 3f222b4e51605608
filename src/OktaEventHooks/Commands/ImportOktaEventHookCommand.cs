using System;
using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using OktaEventHooks.Catalog;
using OktaEventHooks.Client;
using OktaEventHooks.Completion;
using OktaEventHooks.Validation;

namespace OktaEventHooks.Commands;

/// <summary>
/// Makes the org's hooks match a file written by Export-OktaEventHook, matching hooks by name: creates the
/// missing, replaces the changed, leaves the equal alone (no write at all) and deletes unlisted hooks only with -Prune.
/// </summary>
[Cmdlet(VerbsData.Import, "OktaEventHook", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
[OutputType(typeof(EventHookDrift))]
public sealed class ImportOktaEventHookCommand : EventHookCmdlet
{
    public const string CreateAction = "Create";
    public const string UpdateAction = "Update";
    public const string RemoveAction = "Remove";
    public const string NoAction = "None";

    [Parameter(Mandatory = true, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = null!;

    /// <summary>Hook name to SecureString: the auth header secrets, which the file never holds.</summary>
    [Parameter]
    [ValidateNotNull]
    public IDictionary? AuthHeaderValue { get; set; }

    /// <summary>Delete the org's hooks that the file does not list (an ACTIVE one is deactivated first).</summary>
    [Parameter]
    public SwitchParameter Prune { get; set; }

    /// <summary>Write what differs as EventHookDrift objects and change nothing.</summary>
    [Parameter]
    public SwitchParameter DetectOnly { get; set; }

    protected override void ProcessRecord()
    {
        var desired = ReadFile();
        var secrets = ReadSecrets(desired);
        if (!TryCall(null, (client, token) => client.ListAsync(token), out var current))
        {
            return;
        }

        var plan = Plan(desired, current);
        if (DetectOnly)
        {
            WriteObject(plan.Select(step => step.Drift), enumerateCollection: true);
            return;
        }

        var progress = new HookProgress(this, "Importing event hooks");
        var work = plan.Where(step => step.Drift.Action != NoAction).ToList();
        var unverified = new List<string>();
        foreach (var step in work)
        {
            progress.Next(step.Drift.Name, work.Count);
            var result = step.Drift.Action switch
            {
                CreateAction => Create(step, secrets),
                UpdateAction => Update(step, secrets),
                _ => Remove(step),
            };
            if (result != null && result.Status == "ACTIVE" && result.VerificationStatus != "VERIFIED")
            {
                unverified.Add(result.Name);
            }
        }

        progress.Complete();
        WriteVerbose($"{plan.Count(s => s.Drift.Action == CreateAction)} to create, {plan.Count(s => s.Drift.Action == UpdateAction)} to update, " +
                     $"{plan.Count(s => s.Drift.Action == RemoveAction)} to remove, {plan.Count(s => s.Drift.Action == NoAction)} unchanged.");
        if (unverified.Count > 0)
        {
            WriteWarning("These hooks are ACTIVE but UNVERIFIED and receive no events until Test-OktaEventHook verifies them: " +
                         string.Join(", ", unverified) + ".");
        }
    }

    private IReadOnlyList<DesiredEventHook> ReadFile()
    {
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        if (!File.Exists(path))
        {
            ThrowTerminatingError(OktaErrorRecord.Create(
                "EventHookFileNotFound", ErrorCategory.ObjectNotFound, path, $"'{path}' does not exist.",
                "Write a file with Export-OktaEventHook first."));
        }

        IReadOnlyList<DesiredEventHook> desired;
        try
        {
            desired = EventHookDocument.Read(File.ReadAllText(path));
        }
        catch (InvalidDataException ex)
        {
            ThrowTerminatingError(OktaErrorRecord.Create(
                "InvalidEventHookFile", ErrorCategory.InvalidData, path, $"'{path}': {ex.Message} Nothing was changed.",
                "Compare the file with one written by Export-OktaEventHook."));
            throw;
        }

        // The whole file is checked before anything is written, so a bad entry cannot leave the org half-imported.
        foreach (var hook in desired)
        {
            var problem = hook.Name.Length > 255 ? "the name is longer than 255 characters"
                : ValidateHookUriAttribute.ProblemWith(hook.Definition.Uri)
                ?? (hook.Definition.EventTypes.Count > 300 ? $"it lists {hook.Definition.EventTypes.Count} event types; Okta allows 1 to 300" : null);
            if (problem != null)
            {
                ThrowTerminatingError(OktaErrorRecord.Create(
                    "InvalidEventHookFile", ErrorCategory.InvalidData, path, $"'{path}': hook '{hook.Name}': {problem} Nothing was changed."));
            }

            if (EventTypeCatalog.UnknownWarning(hook.Definition.EventTypes) is string unknown)
            {
                WriteWarning($"Hook '{hook.Name}': {unknown}");
            }
        }

        return desired;
    }

    private Dictionary<string, SecureString> ReadSecrets(IReadOnlyList<DesiredEventHook> desired)
    {
        var secrets = new Dictionary<string, SecureString>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in AuthHeaderValue ?? new Hashtable())
        {
            var name = (entry.Key is PSObject k ? k.BaseObject : entry.Key)?.ToString() ?? string.Empty;
            if (!((entry.Value is PSObject v ? v.BaseObject : entry.Value) is SecureString secret) || secret.Length == 0)
            {
                ThrowTerminatingError(OktaErrorRecord.InvalidParameter(
                    nameof(AuthHeaderValue), name, $"the value for '{name}' is not a non-empty SecureString. Allowed: @{{ '<hook name>' = (Read-Host -AsSecureString) }}."));
                continue;
            }

            secrets[name] = secret;
            if (!desired.Any(h => h.Name == name && h.Definition.AuthHeaderName != null))
            {
                WriteWarning($"-AuthHeaderValue has a secret for '{name}', but the file has no hook of that name with an auth header; it is not used.");
            }
        }

        return secrets;
    }

    private List<ImportStep> Plan(IReadOnlyList<DesiredEventHook> desired, IReadOnlyList<EventHook> current)
    {
        var plan = new List<ImportStep>();
        var byName = current.ToLookup(h => h.Name, StringComparer.Ordinal);
        foreach (var want in desired)
        {
            var matches = byName[want.Name].ToList();
            if (matches.Count > 1)
            {
                WriteError(OktaErrorRecord.Create(
                    "AmbiguousEventHookName", ErrorCategory.InvalidOperation, want.Name,
                    $"The org has {matches.Count} hooks named '{want.Name}' ({string.Join(", ", matches.Select(h => h.Id))}); hooks are matched by name, so this one is skipped.",
                    "Rename or remove the extra hooks with Set-OktaEventHook or Remove-OktaEventHook."));
                continue;
            }

            if (matches.Count == 0)
            {
                var created = new List<string> { "Uri: " + want.Definition.Uri, "EventTypes: " + string.Join(" ", want.Definition.EventTypes.Select(t => "+" + t)) };
                if (want.Definition.AuthHeaderName != null)
                {
                    created.Add($"AuthHeader: {want.Definition.AuthHeaderName}: ***");
                }

                created.Add("Status: " + want.Status);
                plan.Add(new ImportStep(want, null, CreateAction, created));
                continue;
            }

            var have = matches[0];
            var changes = want.DefinitionChanges(have).ToList();
            var replace = changes.Count > 0;
            if (want.StatusChange(have) is string status)
            {
                changes.Add(status);
            }

            plan.Add(new ImportStep(want, have, changes.Count > 0 ? UpdateAction : NoAction, changes) { Replace = replace });
        }

        var listed = new HashSet<string>(desired.Select(h => h.Name), StringComparer.Ordinal);
        foreach (var extra in current.Where(h => !listed.Contains(h.Name)))
        {
            plan.Add(Prune
                ? new ImportStep(null, extra, RemoveAction, new List<string> { "not in the file" })
                : new ImportStep(null, extra, NoAction, new List<string> { "not in the file; kept (-Prune would remove it)" }));
        }

        return plan;
    }

    private EventHook? Create(ImportStep step, Dictionary<string, SecureString> secrets)
    {
        var want = step.Desired!;
        var definition = WithSecret(want, secrets, "created");
        if (definition == null || !ShouldProcess($"{want.Name} ({want.Definition.Uri})", "Create event hook: " + string.Join("; ", step.Drift.Changes)))
        {
            return null;
        }

        if (!TryCall(want.Name, (client, token) => client.CreateAsync(definition, token), out var hook))
        {
            return null;
        }

        // Okta creates hooks ACTIVE.
        if (want.Status == "INACTIVE" && TryCall(hook.Id, (client, token) => client.DeactivateAsync(hook.Id, token), out var deactivated))
        {
            hook = deactivated;
        }

        SeenEventHooks.Remember(hook);
        WriteVerbose($"Created event hook {Describe(hook)}.");
        return hook;
    }

    private EventHook? Update(ImportStep step, Dictionary<string, SecureString> secrets)
    {
        var want = step.Desired!;
        var hook = step.Current!;
        EventHookDefinition? definition = null;
        if (step.Replace && (definition = WithSecret(want, secrets, "updated")) == null)
        {
            return null;
        }

        if (!ShouldProcess(Describe(hook), "Update event hook: " + string.Join("; ", step.Drift.Changes)))
        {
            return null;
        }

        var id = hook.Id;
        if (definition != null && !TryCall(id, (client, token) => client.ReplaceAsync(id, definition, token), out hook))
        {
            return null;
        }

        if (want.Status != hook.Status)
        {
            var activate = want.Status == "ACTIVE";
            if (!TryCall(id, (client, token) => activate ? client.ActivateAsync(id, token) : client.DeactivateAsync(id, token), out hook))
            {
                return null;
            }
        }

        SeenEventHooks.Remember(hook);
        WriteVerbose($"Updated event hook {Describe(hook)}: {string.Join("; ", step.Drift.Changes)}.");
        return hook;
    }

    private EventHook? Remove(ImportStep step)
    {
        var hook = step.Current!;
        var active = hook.Status == "ACTIVE";
        if (!ShouldProcess(Describe(hook), active ? "Deactivate and delete event hook (not in the file)" : "Delete event hook (not in the file)"))
        {
            return null;
        }

        if (active && !TryCall(hook.Id, (client, token) => client.DeactivateAsync(hook.Id, token), out _))
        {
            return null;
        }

        if (TryCall(hook.Id, (client, token) => client.DeleteAsync(hook.Id, token)))
        {
            SeenEventHooks.Forget(hook.Id);
            WriteVerbose($"Deleted event hook {Describe(hook)}.");
        }

        return null;
    }

    /// <summary>
    /// The definition to send, with its secret. Okta's create and replace take the whole hook and never return
    /// the secret, so a hook with an auth header cannot be written without it: that is an error for this hook only.
    /// </summary>
    private EventHookDefinition? WithSecret(DesiredEventHook want, Dictionary<string, SecureString> secrets, string verb)
    {
        var definition = want.Definition;
        var copy = new EventHookDefinition
        {
            Name = definition.Name,
            Description = definition.Description,
            EventTypes = definition.EventTypes.ToList(),
            Filter = definition.Filter.ToList(),
            Uri = definition.Uri,
            Headers = definition.Headers.ToList(),
            AuthHeaderName = definition.AuthHeaderName,
        };
        if (definition.AuthHeaderName == null)
        {
            return copy;
        }

        if (!secrets.TryGetValue(definition.Name, out var secret))
        {
            WriteError(OktaErrorRecord.Create(
                "AuthHeaderValueRequired", ErrorCategory.InvalidOperation, definition.Name,
                $"The event hook '{definition.Name}' must be {verb} and has an auth header ({definition.AuthHeaderName}) whose value the file does not hold. Nothing was written for this hook.",
                $"Repeat with -AuthHeaderValue @{{ '{definition.Name.Replace("'", "''")}' = <SecureString> }}."));
            return null;
        }

        copy.AuthHeaderValue = HookParameters.Reveal(secret);
        return copy;
    }

    /// <summary>What Import does about one hook: the drift it reports and what it needs to act.</summary>
    private sealed class ImportStep
    {
        public ImportStep(DesiredEventHook? desired, EventHook? current, string action, List<string> changes)
        {
            Desired = desired;
            Current = current;
            Drift = new EventHookDrift
            {
                Name = desired?.Name ?? current!.Name,
                Id = current?.Id,
                Action = action,
                Changes = changes.ToArray(),
            };
        }

        public DesiredEventHook? Desired { get; }
        public EventHook? Current { get; }
        public EventHookDrift Drift { get; }

        /// <summary>True when the writable part differs, so a replace (PUT) is needed, not only a lifecycle call.</summary>
        public bool Replace { get; set; }
    }
}
