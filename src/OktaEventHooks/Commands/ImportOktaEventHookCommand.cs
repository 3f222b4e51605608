using System.Collections.Generic;
using System.Collections;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Security;
using System;
using OktaEventHooks.Catalog;
using OktaEventHooks.Client.EventHooks;
using OktaEventHooks.Session;

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

    /// <summary>Up to this many hooks may be pruned without -Force; more, or every hook of the org, needs it.</summary>
    public const int PruneWithoutForce = 5;

    /// <summary>A desired-state file larger than this is not read.</summary>
    private const long MaxFileBytes = 16 * 1024 * 1024;

    public const string Done = "Done";
    public const string Failed = "Failed";
    public const string Skipped = "Skipped";
    public const string Unchanged = "Unchanged";

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

    /// <summary>Allow -Prune to delete more than a handful of hooks, or every hook of the org.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Write what differs as EventHookDrift objects and change nothing.</summary>
    [Parameter]
    public SwitchParameter DetectOnly { get; set; }

    protected override string ProgressActivity => "Importing event hooks";

    protected override void ProcessRecord()
    {
        var desired = ReadFile();
        var secrets = ReadSecrets(desired);

        // Two imports into one org at once would each find a hook missing and both create it: the org is read and
        // changed under one lock.
        using var importLock = DetectOnly ? null : ImportLock.Take(this, CurrentConnection.OrgUrl);
        var current = OrgHooks();
        var plan = Plan(desired, current);
        if (DetectOnly)
        {
            WriteObject(plan.Select(step => step.Drift), enumerateCollection: true);
            return;
        }

        var removals = plan.Where(step => step.Drift.Action == RemoveAction).ToList();
        if (removals.Count > 0 && !Force && (removals.Count > PruneWithoutForce || removals.Count == current.Count))
        {
            ThrowTerminatingError(OktaErrorRecord.Create(
                "PruneNeedsForce",
                ErrorCategory.InvalidOperation,
                Path,
                $"-Prune would delete {removals.Count} of the org's {current.Count} event hooks " +
                $"({string.Join(", ", removals.Take(10).Select(s => s.Drift.Name))}{(removals.Count > 10 ? ", ..." : string.Empty)}), " +
                $"because the file does not list them{(desired.Count == 0 ? " (it lists no hook at all)" : string.Empty)}. Nothing was changed.",
                "Check the file (an export filtered by a -Name that matched nothing lists no hook); run with -WhatIf to see the plan, and add -Force to delete that many."));
        }

        var work = plan.Where(step => step.Drift.Action == CreateAction || step.Drift.Action == UpdateAction).ToList();
        var done = new List<string>();
        var unverified = new List<string>();
        var anyFailed = false;
        ForEachWithProgress(work, step => step.Drift.Name, step =>
        {
            Writing(
                Summary(done, $"stopped while working on '{step.Drift.Name}', whose change may or may not have been applied"),
                Summary(done, $"stopped at '{step.Drift.Name}': Okta refused its change, so nothing was written for it"));
            var result = step.Drift.Action == CreateAction ? Create(step, secrets) : Update(step, secrets);
            Written();
            anyFailed |= step.Drift.Result == Failed;
            if (step.Drift.Result == Done)
            {
                done.Add($"{step.Drift.Action.ToLowerInvariant()}d '{step.Drift.Name}'");
            }

            if (result != null && result.Status == EventHookStatus.Active && result.VerificationStatus != EventHookVerificationStatus.Verified)
            {
                unverified.Add(result.Name);
            }

            WriteObject(step.Drift);
        });

        foreach (var step in removals)
        {
            if (anyFailed)
            {
                // A failed create of a renamed hook would otherwise lose both the old hook and its secret.
                step.Drift.Result = Skipped;
                WriteError(OktaErrorRecord.Create(
                    "PruneSkippedAfterFailure",
                    ErrorCategory.InvalidOperation,
                    step.Drift.Id,
                    $"The event hook '{step.Drift.Name}' ({step.Drift.Id}) was not removed: an earlier create or update of this import failed, " +
                    "so nothing is pruned. The org keeps every hook it had.",
                    "Fix the errors above and run the import again."));
            }
            else
            {
                LeftState = Summary(done, $"stopped while removing '{step.Drift.Name}' ({step.Drift.Id})");
                Remove(step);
                LeftState = null;
                if (step.Drift.Result == Done)
                {
                    done.Add($"removed '{step.Drift.Name}'");
                }
            }

            WriteObject(step.Drift);
        }

        foreach (var step in plan.Where(step => step.Drift.Action == NoAction))
        {
            step.Drift.Result = Unchanged;
            WriteObject(step.Drift);
        }

        if (unverified.Count > 0)
        {
            WriteWarning("These hooks are ACTIVE but UNVERIFIED and receive no events until Test-OktaEventHook verifies them: " +
                         string.Join(", ", unverified) + ".");
        }
    }

    private static string Summary(List<string> done, string now) =>
        $"Import-OktaEventHook {now}; before that it {(done.Count == 0 ? "had changed nothing" : string.Join(", ", done))}. " +
        "Run the import again to finish (with -DetectOnly to see what is left).";

    private IReadOnlyList<DesiredEventHook> ReadFile()
    {
        var text = LocalFile.ReadText(this, nameof(Path), Path, MaxFileBytes, "hooks written by Export-OktaEventHook");
        var path = SessionState.Path.GetUnresolvedProviderPathFromPSPath(Path);
        IReadOnlyList<DesiredEventHook> desired;
        try
        {
            desired = EventHookDocument.Read(text);
        }
        catch (InvalidDataException ex)
        {
            ThrowTerminatingError(OktaErrorRecord.Create(
                "InvalidEventHookFile", ErrorCategory.InvalidData, path, $"'{path}': {ex.Message} Nothing was changed.",
                "Compare the file with one written by Export-OktaEventHook."));
            throw;
        }

        // The whole file is checked with the rules of New and Set before anything is written, so a bad entry cannot
        // leave the org half-imported.
        var problems = desired
            .SelectMany(hook => EventHookRules.Validate(hook.Definition.WithoutSecret()).Select(p => $"hook '{hook.Name}': {p.Field}: {p.Message}"))
            .ToList();
        if (problems.Count > 0)
        {
            ThrowTerminatingError(OktaErrorRecord.Create(
                "InvalidEventHookFile", ErrorCategory.InvalidData, path,
                $"'{path}': {string.Join(" ", problems.Take(20))}{(problems.Count > 20 ? $" ({problems.Count - 20} more)" : string.Empty)} Nothing was changed.",
                "Correct the file, or export it again with Export-OktaEventHook."));
        }

        foreach (var hook in desired)
        {
            HookParameters.WarnAboutCredentialHeaders(this, hook.Definition.Headers);
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
            var value = entry.Value is PSObject v ? v.BaseObject : entry.Value;
            var problem = value is SecureString given ? EventHookRules.SecretProblem(HookParameters.Reveal(given)) : "it is not a SecureString.";
            if (problem != null || !(value is SecureString secret))
            {
                ThrowTerminatingError(OktaErrorRecord.InvalidParameter(
                    nameof(AuthHeaderValue), name, $"the value for '{name}': {problem} Allowed: @{{ '<hook name>' = (Read-Host -AsSecureString) }}."));
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

            var wanted = want.Definition.WithSecretShownAsSent();
            if (matches.Count == 0)
            {
                var created = EventHookRules.Diff(null, wanted).ToList();
                created.Add("Status: " + want.Status);
                plan.Add(new ImportStep(want, null, CreateAction, created));
                continue;
            }

            var have = matches[0];

            // The secret is sent only when the hook must be written anyway: it is never compared (Okta does not return it).
            var changes = EventHookRules.Diff(EventHookDefinition.From(have), want.Definition.WithoutSecret()).ToList();
            var replace = changes.Count > 0;
            if (replace && want.Definition.AuthHeaderName != null)
            {
                changes = EventHookRules.Diff(EventHookDefinition.From(have), wanted).ToList();
            }

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
                ? new ImportStep(null, extra, RemoveAction, new List<string> { extra.Status == EventHookStatus.Active ? "not in the file; deactivate and delete" : "not in the file; delete" })
                : new ImportStep(null, extra, NoAction, new List<string> { "not in the file; kept (-Prune would remove it)" }));
        }

        return plan;
    }

    private EventHook? Create(ImportStep step, Dictionary<string, SecureString> secrets)
    {
        var want = step.Desired!;
        var definition = WithSecret(want, secrets, "created");
        if (definition == null)
        {
            step.Drift.Result = Failed;
            return null;
        }

        if (!ShouldProcessInOrg($"{want.Name} ({want.Definition.Uri})", "Create event hook: " + string.Join("; ", step.Drift.Changes)))
        {
            step.Drift.Result = Skipped;
            return null;
        }

        if (!TryCall(want.Name, (client, token) => client.CreateAsync(definition, token), out var hook))
        {
            step.Drift.Result = Failed;
            return null;
        }

        step.Drift.Id = hook.Id;
        step.Drift.Result = Done;

        // Okta creates hooks ACTIVE.
        if (want.Status == EventHookStatus.Inactive)
        {
            LeftState = $"The event hook {Describe(hook)} was created ACTIVE and is not yet deactivated as the file asks.";
            if (TryCall(hook.Id, (client, token) => client.DeactivateAsync(hook.Id, token), out var deactivated))
            {
                hook = deactivated;
            }
            else
            {
                step.Drift.Result = Failed;
            }
        }

        SeenEventHooks.Remember(hook);
        return hook;
    }

    private EventHook? Update(ImportStep step, Dictionary<string, SecureString> secrets)
    {
        var want = step.Desired!;
        var hook = step.Current!;
        EventHookDefinition? definition = null;
        if (step.Replace && (definition = WithSecret(want, secrets, "updated")) == null)
        {
            step.Drift.Result = Failed;
            return null;
        }

        if (!ShouldProcessInOrg(Describe(hook), "Update event hook: " + string.Join("; ", step.Drift.Changes)))
        {
            step.Drift.Result = Skipped;
            return null;
        }

        var id = hook.Id;
        var asRead = hook;
        if (definition != null && !TryCall(id, (client, token) => client.ReplaceAsync(id, definition, asRead, token), out hook))
        {
            step.Drift.Result = Failed;
            return null;
        }

        if (want.Status != hook.Status)
        {
            var activate = want.Status == EventHookStatus.Active;
            if (definition != null)
            {
                LeftState = $"The event hook {Describe(hook)} was updated but is still {hook.Status}; the file asks for {want.Status}.";
            }

            if (!TryCall(id, (client, token) => activate ? client.ActivateAsync(id, token) : client.DeactivateAsync(id, token), out hook))
            {
                step.Drift.Result = Failed;
                return null;
            }
        }

        step.Drift.Result = Done;
        SeenEventHooks.Remember(hook);
        return hook;
    }

    private void Remove(ImportStep step)
    {
        var hook = step.Current!;
        var active = hook.Status == EventHookStatus.Active;
        if (!ShouldProcessInOrg(Describe(hook), active ? "Deactivate and delete event hook (not in the file)" : "Delete event hook (not in the file)"))
        {
            step.Drift.Result = Skipped;
            return;
        }

        if (active)
        {
            if (!TryCall(hook.Id, (client, token) => client.DeactivateAsync(hook.Id, token), out _))
            {
                step.Drift.Result = Failed;
                return;
            }

            LeftState = $"The event hook {Describe(hook)} was deactivated and is now INACTIVE; it was not deleted.";
        }

        if (TryCall(hook.Id, (client, token) => client.DeleteAsync(hook.Id, token)))
        {
            SeenEventHooks.Forget(hook.Id);
            step.Drift.Result = Done;
        }
        else
        {
            step.Drift.Result = Failed;
        }
    }

    /// <summary>
    /// The definition to send, with its secret. Okta's create and replace take the whole hook and never return
    /// the secret, so a hook with an auth header cannot be written without it: that is an error for this hook only.
    /// </summary>
    private EventHookDefinition? WithSecret(DesiredEventHook want, Dictionary<string, SecureString> secrets, string verb)
    {
        var copy = want.Definition.WithoutSecret();
        if (copy.AuthHeaderName == null)
        {
            return copy;
        }

        if (!secrets.TryGetValue(copy.Name, out var secret))
        {
            WriteError(OktaErrorRecord.Create(
                "AuthHeaderValueRequired", ErrorCategory.InvalidOperation, copy.Name,
                $"The event hook '{copy.Name}' must be {verb} and has an auth header ({copy.AuthHeaderName}) whose value the file does not hold. Nothing was written for this hook.",
                $"Repeat with -AuthHeaderValue @{{ '{copy.Name.Replace("'", "''")}' = <SecureString> }}."));
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
