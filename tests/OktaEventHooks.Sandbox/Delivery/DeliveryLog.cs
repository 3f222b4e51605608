using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Infrastructure;

namespace OktaEventHooks.Sandbox.Delivery;

/// <summary>Why a subscribed hook was not called at all.</summary>
internal static class DeliverySkip
{
    public const string FilteredOut = "filtered out";
    public const string NotLoopback = "not loopback";
}

/// <summary>How the hook's filter for the event type came out; null when the hook has no filter for it.</summary>
internal static class DeliveryFilter
{
    public const string Matched = "matched";
    public const string NotMatched = "not matched";
    public const string NotEvaluated = "not evaluated";

    public static string? From(FilterVerdict? verdict) => verdict switch
    {
        FilterVerdict.Matched => Matched,
        FilterVerdict.NotMatched => NotMatched,
        FilterVerdict.NotEvaluated => NotEvaluated,
        _ => null,
    };
}

/// <summary>
/// What happened to one event at one hook. <see cref="Status"/> is the last answer's HTTP status (0 when none came);
/// <see cref="EnvelopeEventId"/> is the envelope's <c>eventId</c>, the same on the retry so a receiver can
/// de-duplicate (null when nothing was sent); <see cref="Error"/> says in words why a tried delivery failed.
/// </summary>
internal sealed record DeliveryRecord(
    string HookId,
    string HookName,
    string Uri,
    int Status,
    int Attempts,
    bool Delivered,
    string? Skipped,
    string? Filter,
    string? Error,
    string? EnvelopeEventId)
{
    public JsonObject ToJson() => new()
    {
        ["hookId"] = HookId,
        ["hookName"] = HookName,
        ["uri"] = Uri,
        ["status"] = Status,
        ["attempts"] = Attempts,
        ["delivered"] = Delivered,
        ["skipped"] = Skipped,
        ["filter"] = Filter,
        ["error"] = Error,
        ["envelopeEventId"] = EnvelopeEventId,
    };
}

/// <summary>One record as the delivery log keeps it: when, and for which LogEvent (its <c>uuid</c>).</summary>
internal sealed record DeliveryLogEntry(DateTimeOffset Time, string EventId, string EventType, DeliveryRecord Record)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["time"] = OktaTime.Format(Time),
            ["eventId"] = EventId,
            ["eventType"] = EventType,
        };
        foreach (var (name, value) in Record.ToJson())
        {
            json[name] = value?.DeepClone();
        }

        return json;
    }
}

/// <summary>Every synthetic-event delivery since start or the last reset, in the order the events were posted.</summary>
internal sealed class DeliveryLog
{
    private readonly Lock _gate = new();
    private readonly List<DeliveryLogEntry> _entries = [];

    public void Add(IEnumerable<DeliveryLogEntry> entries)
    {
        lock (_gate)
        {
            _entries.AddRange(entries);
        }
    }

    public IReadOnlyList<DeliveryLogEntry> Snapshot()
    {
        lock (_gate)
        {
            return _entries.ToList();
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _entries.Clear();
        }
    }
}
