using OktaEventHooks.Sandbox.Infrastructure;
using OktaEventHooks.Sandbox.SystemLog;

namespace OktaEventHooks.Sandbox.Hooks;

internal enum StoreOutcome
{
    Ok,
    NotFound,
    ActiveLimitReached,
    HookIsActive,
}

/// <summary>
/// A store operation's outcome. <see cref="Hook"/> is the hook as stored; <see cref="Answer"/>, when set, is what
/// the API answers instead (a PUT that kept the status answers with the previous <c>lastUpdated</c>, as Okta does).
/// </summary>
internal readonly record struct StoreResult(StoreOutcome Outcome, StoredEventHook? Hook, StoredEventHook? Answer = null)
{
    /// <summary>The hook the API renders in its answer.</summary>
    public StoredEventHook? Rendered => Answer ?? Hook;

    public static StoreResult Found(StoredEventHook hook) => new(StoreOutcome.Ok, hook);
    public static StoreResult Fail(StoreOutcome outcome) => new(outcome, null);
}

/// <summary>
/// The org's event hooks, in memory. Every read-modify-write happens under one lock so the
/// 25-active-hooks rule and lastUpdated ordering hold under concurrent requests.
/// </summary>
internal sealed class EventHookStore(SystemLogWriter systemLog)
{
    /// <summary>Okta allows 25 active event hooks per org (raised from 10 in 2024); OktaAssumptions A3.</summary>
    public const int MaxActiveHooks = OktaAssumptions.MaxActiveHooks;

    private readonly Lock _gate = new();
    private readonly Dictionary<string, StoredEventHook> _hooks = new(StringComparer.Ordinal);
    private long _sequence;

    /// <summary>All hooks in creation order (Okta returns a bare, unpaged array).</summary>
    public IReadOnlyList<StoredEventHook> List()
    {
        lock (_gate)
        {
            return _hooks.Values.OrderBy(h => h.Sequence).ToList();
        }
    }

    public StoredEventHook? Find(string id)
    {
        lock (_gate)
        {
            return _hooks.GetValueOrDefault(id);
        }
    }

    /// <summary>
    /// Creates an ACTIVE + UNVERIFIED hook, unless the org already has the maximum of active hooks.
    /// A <c>status</c> in the body plays no part (OktaAssumptions A6). <paramref name="createdBy"/> is who asked.
    /// </summary>
    public StoreResult Create(HookDefinition definition, string createdBy)
    {
        lock (_gate)
        {
            if (CountActive() >= MaxActiveHooks)
            {
                return StoreResult.Fail(StoreOutcome.ActiveLimitReached);
            }

            string id;
            do
            {
                id = OktaIds.NewEventHookId();
            }
            while (_hooks.ContainsKey(id));

            var now = OktaTime.NowWholeSeconds();
            var hook = new StoredEventHook(
                id, ++_sequence, HookStatus.Active, HookVerificationStatus.Unverified, now, now, definition, createdBy);
            _hooks.Add(id, hook);
            systemLog.HookChanged(SystemLogEventTypes.Created, hook.Id, hook.Definition.Name);
            return StoreResult.Found(hook);
        }
    }

    /// <summary>
    /// Full replacement. <paramref name="status"/> (the body's <c>status</c>, null when it had none) is honoured, as
    /// recorded; activating counts against the active-hook limit. A changed channel must be verified again
    /// (OktaAssumptions A5). Recorded: when the status stays as it was, Okta's answer carries the previous
    /// <c>lastUpdated</c> and only the next read shows the new one; a PUT that changes the status answers fresh.
    /// </summary>
    public StoreResult Replace(string id, HookDefinition definition, string? status)
    {
        lock (_gate)
        {
            if (!_hooks.TryGetValue(id, out var current))
            {
                return StoreResult.Fail(StoreOutcome.NotFound);
            }

            var newStatus = status ?? current.Status;
            if (newStatus == HookStatus.Active
                && current.Status != HookStatus.Active
                && CountActive() >= MaxActiveHooks)
            {
                return StoreResult.Fail(StoreOutcome.ActiveLimitReached);
            }

            var verification = current.Definition.Channel.SameAs(definition.Channel)
                ? current.VerificationStatus
                : HookVerificationStatus.Unverified;
            systemLog.HookChanged(SystemLogEventTypes.Updated, id, definition.Name);
            var saved = Save(current with
            {
                Definition = definition,
                Status = newStatus,
                VerificationStatus = verification,
                LastUpdated = NextTimestamp(current),
            });
            return newStatus == current.Status
                ? saved with { Answer = saved.Hook! with { LastUpdated = current.LastUpdated } }
                : saved;
        }
    }

    /// <summary>Sets ACTIVE/INACTIVE. Idempotent (OktaAssumptions A13); activating counts against the active-hook limit.</summary>
    public StoreResult SetStatus(string id, string status)
    {
        lock (_gate)
        {
            if (!_hooks.TryGetValue(id, out var current))
            {
                return StoreResult.Fail(StoreOutcome.NotFound);
            }

            if (status == HookStatus.Active
                && current.Status != HookStatus.Active
                && CountActive() >= MaxActiveHooks)
            {
                return StoreResult.Fail(StoreOutcome.ActiveLimitReached);
            }

            systemLog.HookChanged(status == HookStatus.Active ? SystemLogEventTypes.Activated : SystemLogEventTypes.Deactivated, id, current.Definition.Name);
            return Save(current with { Status = status, LastUpdated = NextTimestamp(current) });
        }
    }

    /// <summary>
    /// Marks the hook VERIFIED, but only if its channel is still the one that was checked: the
    /// verification GET runs outside the lock and a concurrent PUT may have changed the endpoint.
    /// </summary>
    public StoreResult MarkVerified(string id, HookChannel verifiedChannel)
    {
        lock (_gate)
        {
            if (!_hooks.TryGetValue(id, out var current))
            {
                return StoreResult.Fail(StoreOutcome.NotFound);
            }

            if (!current.Definition.Channel.SameAs(verifiedChannel))
            {
                return StoreResult.Found(current);
            }

            return Save(current with
            {
                VerificationStatus = HookVerificationStatus.Verified,
                LastUpdated = NextTimestamp(current),
            });
        }
    }

    /// <summary>Deletes an INACTIVE hook; an ACTIVE one is refused (OktaAssumptions A1).</summary>
    public StoreResult Delete(string id)
    {
        lock (_gate)
        {
            if (!_hooks.TryGetValue(id, out var current))
            {
                return StoreResult.Fail(StoreOutcome.NotFound);
            }

            if (current.Status == HookStatus.Active)
            {
                return StoreResult.Fail(StoreOutcome.HookIsActive);
            }

            _hooks.Remove(id);
            systemLog.HookChanged(SystemLogEventTypes.Deleted, id, current.Definition.Name);
            return StoreResult.Found(current);
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _hooks.Clear();
        }
    }

    private StoreResult Save(StoredEventHook hook)
    {
        _hooks[hook.Id] = hook;
        return StoreResult.Found(hook);
    }

    private int CountActive() => _hooks.Values.Count(h => h.Status == HookStatus.Active);

    // Whole seconds, as Okta writes them, and a visible move on every change even within one second (OktaAssumptions A8).
    private static DateTimeOffset NextTimestamp(StoredEventHook current)
    {
        var now = OktaTime.NowWholeSeconds();
        return now > current.LastUpdated ? now : current.LastUpdated + OktaAssumptions.LastUpdatedStep;
    }
}
