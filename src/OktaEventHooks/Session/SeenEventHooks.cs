using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace OktaEventHooks.Session;

/// <summary>
/// The hooks the last Get-OktaEventHook of each runspace returned (kept current by New, Set and Remove),
/// so -Id and -Name complete from memory: Tab never calls Okta.
/// </summary>
internal static class SeenEventHooks
{
    private static readonly ConditionalWeakTable<Runspace, Snapshot> PerRunspace = new ConditionalWeakTable<Runspace, Snapshot>();

    private static readonly Snapshot NoRunspace = new Snapshot();

    /// <summary>A full listing: hooks seen before and missing now were deleted elsewhere.</summary>
    public static void ReplaceAll(IEnumerable<EventHook> hooks)
    {
        var snapshot = Current();
        lock (snapshot)
        {
            snapshot.ById.Clear();
            foreach (var hook in hooks)
            {
                snapshot.ById[hook.Id] = new SeenEventHook(hook);
            }
        }
    }

    public static void Remember(EventHook hook)
    {
        var snapshot = Current();
        lock (snapshot)
        {
            snapshot.ById[hook.Id] = new SeenEventHook(hook);
        }
    }

    public static void Forget(string id)
    {
        var snapshot = Current();
        lock (snapshot)
        {
            snapshot.ById.Remove(id);
        }
    }

    public static SeenEventHook? Find(string id)
    {
        var snapshot = Current();
        lock (snapshot)
        {
            return snapshot.ById.TryGetValue(id, out var hook) ? hook : null;
        }
    }

    public static IReadOnlyList<SeenEventHook> All()
    {
        var snapshot = Current();
        lock (snapshot)
        {
            return snapshot.ById.Values.OrderBy(h => h.Name, StringComparer.OrdinalIgnoreCase).ToList();
        }
    }

    private static Snapshot Current()
    {
        var runspace = Runspace.DefaultRunspace;
        return runspace == null ? NoRunspace : PerRunspace.GetValue(runspace, _ => new Snapshot());
    }

    private sealed class Snapshot
    {
        public Dictionary<string, SeenEventHook> ById { get; } = new Dictionary<string, SeenEventHook>(StringComparer.Ordinal);
    }
}

/// <summary>What completion needs of a hook: a copy, so later changes to the hook object do not leak in.</summary>
internal sealed class SeenEventHook
{
    public SeenEventHook(EventHook hook)
    {
        Id = hook.Id;
        Name = hook.Name;
        EventTypes = hook.EventTypes;
    }

    public string Id { get; }
    public string Name { get; }
    public IReadOnlyList<string> EventTypes { get; }
}
