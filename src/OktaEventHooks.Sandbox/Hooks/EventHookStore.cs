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

internal readonly record struct StoreResult(StoreOutcome Outcome, StoredEventHook? Hook)
{
    public static StoreResult Found(StoredEventHook hook) => new(StoreOutcome.Ok, hook);
    public static StoreResult Fail(StoreOutcome outcome) => new(outcome, null);
}

/// <summary>
/// The org's event hooks, in memory. Every read-modify-write happens under one lock so the
/// 25-active-hooks rule and lastUpdated ordering hold under concurrent requests.
/// </summary>
internal sealed class EventHookStore(SystemLogWriter systemLog)
{
    /// <summary>Okta allows 25 active event hooks per org (raised from 10 in 2024).</summary>
    public const int MaxActiveHooks = 25;

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

    /// <summary>Creates an ACTIVE + UNVERIFIED hook, unless the org already has the maximum of active hooks.</summary>
    public StoreResult Create(HookDefinition definition)
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

            var now = OktaTime.NowMilliseconds();
            var hook = new StoredEventHook(
                id, ++_sequence, HookStatus.Active, HookVerificationStatus.Unverified, now, now, definition);
            _hooks.Add(id, hook);
            systemLog.HookChanged(SystemLogEventTypes.Created, hook.Id, hook.Definition.Name);
            return StoreResult.Found(hook);
        }
    }

    /// <summary>Full replacement; status is kept, a changed channel must be verified again.</summary>
    public StoreResult Replace(string id, HookDefinition definition)
    {
        lock (_gate)
        {
            if (!_hooks.TryGetValue(id, out var current))
            {
                return StoreResult.Fail(StoreOutcome.NotFound);
            }

            var verification = current.Definition.Channel.SameAs(definition.Channel)
                ? current.VerificationStatus
                : HookVerificationStatus.Unverified;
            systemLog.HookChanged(SystemLogEventTypes.Updated, id, definition.Name);
            return Save(current with
            {
                Definition = definition,
                VerificationStatus = verification,
                LastUpdated = NextTimestamp(current),
            });
        }
    }

    /// <summary>Sets ACTIVE/INACTIVE. Idempotent; activating counts against the active-hook limit.</summary>
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

    /// <summary>Deletes an INACTIVE hook; an ACTIVE one is refused.</summary>
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

    // lastUpdated must visibly move on every change, even two changes within one millisecond.
    private static DateTimeOffset NextTimestamp(StoredEventHook current)
    {
        var now = OktaTime.NowMilliseconds();
        return now > current.LastUpdated ? now : current.LastUpdated.AddMilliseconds(1);
    }
}
