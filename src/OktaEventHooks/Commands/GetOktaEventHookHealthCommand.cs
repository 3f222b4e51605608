using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Management.Automation;
using System;
using OktaEventHooks.Catalog;
using OktaEventHooks.Client.EventHooks;
using OktaEventHooks.Client.SystemLog;

namespace OktaEventHooks.Commands;

/// <summary>
/// Says which hooks are not receiving events right now, and why: INACTIVE, UNVERIFIED, failed deliveries or
/// verifications in the System Log since -Since, event types Okta no longer offers; with the org's standing (ACTIVE
/// hooks against Okta's limit, delivery-quota warnings). One list of the hooks and one System Log query per command,
/// however many hooks: for the prompt and for monitoring runbooks.
/// </summary>
[Cmdlet(VerbsCommon.Get, "OktaEventHookHealth", DefaultParameterSetName = AllSet)]
[OutputType(typeof(EventHookHealth))]
public sealed class GetOktaEventHookHealthCommand : HookSelectionCmdlet
{
    /// <summary>Failures since this time count; the System Log keeps 90 days.</summary>
    [Parameter]
    public DateTime? Since { get; set; }

    private readonly List<string> _requested = new List<string>();
    private DateTimeOffset _until;
    private DateTimeOffset _since;

    protected override void BeginProcessing()
    {
        _until = DateTimeOffset.Now;
        _since = Since.HasValue ? new DateTimeOffset(Since.Value) : _until - DefaultWindow;
        if (Query().Problem(DateTimeOffset.UtcNow) is { } problem)
        {
            ThrowTerminatingError(OktaErrorRecord.InvalidParameter(nameof(Since), Since, problem.Parameter == nameof(Since) ? problem.Problem : "-Since must be in the past."));
        }

        base.BeginProcessing();
    }

    // Hooks from the pipeline are gathered first: one list and one log query for all of them.
    protected override void ProcessRecord()
    {
        if (ParameterSetName == IdSet)
        {
            _requested.AddRange(Id);
        }
    }

    protected override void EndProcessing()
    {
        if (ParameterSetName == IdSet && _requested.Count == 0)
        {
            return;
        }

        var org = OrgHooks();
        var hooks = ParameterSetName switch
        {
            IdSet => Requested(org),
            NameSet => ByName(org),
            _ => org.ToList(),
        };
        if (hooks.Count == 0)
        {
            return;
        }

        var failures = ReadFailures();
        var active = org.Count(h => string.Equals(h.Status, EventHookStatus.Active, StringComparison.OrdinalIgnoreCase));
        if (failures.QuotaWarnings > 0)
        {
            WriteWarning($"The org neared or passed Okta's daily event hook delivery quota {failures.QuotaWarnings} times since {_since.LocalDateTime:g}; past it, Okta delivers no events to any hook until the day's window resets.");
        }

        if (active >= EventHookRules.MaxActiveHooks)
        {
            WriteWarning($"The org has {active} ACTIVE event hooks, Okta's limit is {EventHookRules.MaxActiveHooks}: no other hook can be activated.");
        }

        foreach (var hook in hooks)
        {
            WriteObject(Health(hook, failures, active));
        }

        base.EndProcessing();
    }

    private List<EventHook> ByName(IReadOnlyList<EventHook> org)
    {
        SelectByName(org, Name, out var selected);
        return selected;
    }

    /// <summary>Hooks named by -Id, from the one list: an id or name the org does not have is an error for that value.</summary>
    private List<EventHook> Requested(IReadOnlyList<EventHook> org)
    {
        var selected = new List<EventHook>();
        foreach (var target in ResolveTargets(_requested.Distinct(StringComparer.Ordinal), wildcards: false))
        {
            var hook = target.Hook ?? org.FirstOrDefault(h => string.Equals(h.Id, target.Id, StringComparison.Ordinal));
            if (hook == null)
            {
                WriteError(OktaErrorRecord.Create(
                    "EventHookNotFound",
                    ErrorCategory.ObjectNotFound,
                    target.Id,
                    $"The org has no event hook with id {target.Id}.",
                    "Run Get-OktaEventHook to list the hooks of the org."));
            }
            else if (!selected.Contains(hook))
            {
                selected.Add(hook);
            }
        }

        return selected;
    }

    private SystemLogQuery Query()
    {
        var query = new SystemLogQuery(_since, _until);
        query.EventTypes.Add("event_hook.delivery");
        query.EventTypes.Add("event_hook.verified");
        query.EventTypes.Add(SystemLogQuery.QuotaWarning);
        query.EventTypes.Add(SystemLogQuery.QuotaViolation);
        return query;
    }

    /// <summary>The one bounded System Log query: failed deliveries and verifications of every hook, and quota records.</summary>
    private Failures ReadFailures()
    {
        var failures = new Failures();
        var reader = Client.ReadSystemLog(Query());
        var progress = new LogProgress(this);
        while (!reader.Done)
        {
            if (!TryCall(null, (_, token) => reader.ReadPageAsync(token), out var page))
            {
                // A failure that is about no hook ends the command in TryCall; anything else leaves health unknown.
                failures.Unread = true;
                break;
            }

            foreach (var record in page ?? Array.Empty<EventHookLogRecord>())
            {
                failures.Add(record);
            }

            progress.Update(reader);
        }

        progress.Complete();
        return failures;
    }

    private EventHookHealth Health(EventHook hook, Failures failures, int active)
    {
        var problems = new List<string>();
        if (!string.Equals(hook.Status, EventHookStatus.Active, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"It is {hook.Status}: Okta delivers no events to it. Activate it with Enable-OktaEventHook -Id {hook.Id}.");
        }

        if (!string.Equals(hook.VerificationStatus, EventHookVerificationStatus.Verified, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add($"It is {hook.VerificationStatus}: Okta delivers no events to it until it is verified. Verify it with Test-OktaEventHook -Id {hook.Id}.");
        }

        var tally = failures.For(hook);
        if (tally.Deliveries > 0)
        {
            problems.Add(string.Format(
                CultureInfo.CurrentCulture,
                "{0} {1} failed since {2:g}, the last at {3:G}: {4}. The events are lost unless resent: find the window with Get-OktaEventHookLog -Id {5} -FailureOnly, then use Send-OktaEventHookEvent.",
                tally.Deliveries,
                tally.Deliveries == 1 ? "delivery" : "deliveries",
                _since.LocalDateTime,
                tally.LastDelivery,
                tally.LastReason ?? "Okta gave no reason",
                hook.Id));
        }

        if (tally.Verifications > 0)
        {
            problems.Add(string.Format(
                CultureInfo.CurrentCulture,
                "{0} verification {1} failed since {2:g}. Check the endpoint with Test-OktaEventHookEndpoint.",
                tally.Verifications,
                tally.Verifications == 1 ? "attempt" : "attempts",
                _since.LocalDateTime));
        }

        var retired = hook.EventTypes.Where(t => !EventTypeCatalog.Contains(t)).ToList();
        if (retired.Count > 0)
        {
            problems.Add($"It subscribes to event types Okta no longer offers to hooks (not in the module's catalog): {string.Join(", ", retired)}. Okta sends no events of these types; remove them with Set-OktaEventHook -Id {hook.Id} -RemoveEventType.");
        }

        if (failures.Unread)
        {
            problems.Add("The System Log could not be read (see the error), so failed deliveries and verifications are not known.");
        }

        return new EventHookHealth
        {
            Id = hook.Id,
            Name = hook.Name,
            Status = hook.Status,
            Verification = hook.VerificationStatus,
            Healthy = problems.Count == 0,
            Problems = problems.ToArray(),
            FailedDeliveries = tally.Deliveries,
            LastFailureReason = tally.LastReason,
            LastFailureTime = tally.LastDelivery,
            FailedVerifications = tally.Verifications,
            RetiredEventTypes = new TextList(retired),
            ActiveHooksInOrg = active,
            ActiveHookLimit = EventHookRules.MaxActiveHooks,
            QuotaWarnings = failures.QuotaWarnings,
            Since = _since.LocalDateTime,
            Until = _until.LocalDateTime,
        };
    }

    /// <summary>What the one System Log query found, tallied per hook as it streams by: nothing per record is kept.</summary>
    private sealed class Failures
    {
        private readonly Dictionary<string, Tally> _byId = new Dictionary<string, Tally>(StringComparer.Ordinal);
        private readonly Dictionary<string, Tally> _byName = new Dictionary<string, Tally>(StringComparer.Ordinal);

        public int QuotaWarnings { get; private set; }

        public bool Unread { get; set; }

        public void Add(EventHookLogRecord record)
        {
            if (record.EventType == SystemLogQuery.QuotaWarning || record.EventType == SystemLogQuery.QuotaViolation)
            {
                QuotaWarnings++;
                return;
            }

            if (!string.Equals(record.Outcome, "FAILURE", StringComparison.OrdinalIgnoreCase))
            {
                return;
            }

            // A record that names no hook id is matched by the hook name it carries.
            var keys = record.HookIds.Length > 0 ? record.HookIds.Select(id => (_byId, id)) : record.HookName == null ? Enumerable.Empty<(Dictionary<string, Tally>, string)>() : new[] { (_byName, record.HookName) };
            foreach (var (tallies, key) in keys)
            {
                if (!tallies.TryGetValue(key, out var tally))
                {
                    tallies[key] = tally = new Tally();
                }

                tally.Add(record);
            }
        }

        /// <summary>The failures of <paramref name="hook"/>: records naming its id, or, naming no id, its name.</summary>
        public Tally For(EventHook hook)
        {
            var tally = new Tally();
            tally.Merge(_byId.TryGetValue(hook.Id, out var byId) ? byId : null);
            tally.Merge(_byName.TryGetValue(hook.Name, out var byName) ? byName : null);
            return tally;
        }
    }

    /// <summary>Failed deliveries and verifications of one hook: how many, and the last failed delivery.</summary>
    private sealed class Tally
    {
        public int Deliveries { get; private set; }

        public int Verifications { get; private set; }

        public DateTime? LastDelivery { get; private set; }

        public string? LastReason { get; private set; }

        public void Add(EventHookLogRecord record)
        {
            if (record.EventType == "event_hook.delivery")
            {
                Deliveries++;
                Later(record.Published, record.Reason);
            }
            else
            {
                Verifications++;
            }
        }

        public void Merge(Tally? other)
        {
            if (other != null)
            {
                Deliveries += other.Deliveries;
                Verifications += other.Verifications;
                Later(other.LastDelivery, other.LastReason);
            }
        }

        private void Later(DateTime? published, string? reason)
        {
            if (LastDelivery == null || (published.HasValue && published >= LastDelivery))
            {
                LastDelivery = published;
                LastReason = reason;
            }
        }
    }
}
