using System.Globalization;
using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Infrastructure;

namespace OktaEventHooks.Sandbox.SystemLog;

/// <summary>One record as written: where it sits, the LogEvent (for filters) and its JSON text (rendered once).</summary>
internal sealed record StoredLogRecord(LogPosition Position, JsonObject LogEvent, string Text);

/// <summary>What <c>GET /api/v1/logs</c> asks for, already checked. <see cref="Until"/> is exclusive, <see cref="Since"/> inclusive.</summary>
internal sealed record LogQuery(
    DateTimeOffset Since,
    DateTimeOffset Until,
    LogPosition? After,
    bool Descending,
    int Limit,
    SystemLogFilter? Filter,
    IReadOnlyList<string> Keywords);

/// <summary>One page: the records' JSON texts in order, where the last one sits, and whether more follow.</summary>
internal sealed record LogPage(IReadOnlyList<string> Records, LogPosition? Last, bool HasMore);

/// <summary>
/// The org's System Log, in memory: the records the sandbox wrote about what it did, records a test posted,
/// and synthetic ranges for scale. Ordered by <c>published</c>; read in bounded windows page by page.
/// </summary>
internal sealed class SystemLogStore
{
    /// <summary>Okta keeps System Log records for 90 days and refuses a <c>since</c> older than that.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromDays(90);

    private readonly Lock _gate = new();
    private readonly List<StoredLogRecord> _records = [];
    private readonly List<SyntheticLogRange> _ranges = [];
    private long _sequence;

    /// <summary>Adds a record; its <c>published</c> (set to now when missing) places it in the log.</summary>
    public StoredLogRecord Add(JsonObject logEvent)
    {
        var published = logEvent["published"] is JsonValue value && value.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var given)
                ? given.ToUniversalTime()
                : OktaTime.NowMilliseconds();
        if (logEvent["published"] is null)
        {
            logEvent["published"] = OktaTime.Format(published);
        }

        lock (_gate)
        {
            var record = new StoredLogRecord(new LogPosition(published.UtcTicks, ++_sequence, 0), logEvent, OktaJsonResult.Serialize(logEvent));
            var at = _records.BinarySearch(record, PositionOrder.Instance);
            _records.Insert(at < 0 ? ~at : at, record);
            return record;
        }
    }

    public SyntheticLogRange AddRange(DateTimeOffset from, DateTimeOffset to, int count, JsonObject template)
    {
        lock (_gate)
        {
            var range = new SyntheticLogRange(++_sequence, from, to, count, template);
            _ranges.Add(range);
            return range;
        }
    }

    /// <summary>Every written record (not the synthetic ranges), oldest first.</summary>
    public IReadOnlyList<StoredLogRecord> Records()
    {
        lock (_gate)
        {
            return _records.ToList();
        }
    }

    public (int Records, long Synthetic) Count()
    {
        lock (_gate)
        {
            return (_records.Count, _ranges.Sum(r => (long)r.Count));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _records.Clear();
            _ranges.Clear();
        }
    }

    public LogPage Query(LogQuery query)
    {
        lock (_gate)
        {
            var sources = new List<IEnumerator<(LogPosition Position, Func<string> Render)>> { Written(query).GetEnumerator() };
            sources.AddRange(_ranges.Where(r => Passes(query, r.Template, r.Text)).Select(r => Synthetic(query, r).GetEnumerator()));
            var heads = sources.Where(s => s.MoveNext()).ToList();

            var page = new List<string>();
            LogPosition? last = null;
            while (heads.Count > 0)
            {
                var best = heads[0];
                foreach (var head in heads.Skip(1))
                {
                    if (query.Descending ? head.Current.Position > best.Current.Position : head.Current.Position < best.Current.Position)
                    {
                        best = head;
                    }
                }

                if (page.Count == query.Limit)
                {
                    return new LogPage(page, last, HasMore: true);
                }

                page.Add(best.Current.Render());
                last = best.Current.Position;
                if (!best.MoveNext())
                {
                    heads.Remove(best);
                }
            }

            return new LogPage(page, last, HasMore: false);
        }
    }

    private static bool Passes(LogQuery query, JsonObject logEvent, string text) =>
        (query.Filter is null || query.Filter.Matches(logEvent))
        && query.Keywords.All(k => text.Contains(k, StringComparison.OrdinalIgnoreCase));

    // Bounds as positions: [since, until) in time, then strictly past the cursor in reading order.
    private static (LogPosition Low, bool LowStrict, LogPosition High) Bounds(LogQuery query)
    {
        var low = LogPosition.Before(query.Since);
        var high = LogPosition.Before(query.Until);
        if (query.After is { } after)
        {
            if (query.Descending)
            {
                high = after < high ? after : high;
            }
            else if (after >= low)
            {
                return (after, true, high);
            }
        }

        return (low, false, high);
    }

    private IEnumerable<(LogPosition, Func<string>)> Written(LogQuery query)
    {
        var (low, lowStrict, high) = Bounds(query);
        var first = _records.FindIndex(r => lowStrict ? r.Position > low : r.Position >= low);
        if (first < 0)
        {
            yield break;
        }

        var end = _records.FindIndex(first, r => r.Position >= high);
        end = end < 0 ? _records.Count : end;
        for (var i = 0; i < end - first; i++)
        {
            var record = _records[query.Descending ? end - 1 - i : first + i];
            if (Passes(query, record.LogEvent, record.Text))
            {
                yield return (record.Position, () => record.Text);
            }
        }
    }

    private static IEnumerable<(LogPosition, Func<string>)> Synthetic(LogQuery query, SyntheticLogRange range)
    {
        var (low, lowStrict, high) = Bounds(query);
        var first = range.FirstIndexFrom(low, lowStrict);
        var end = range.FirstIndexFrom(high, strictly: false);
        for (var i = 0L; i < end - first; i++)
        {
            var index = query.Descending ? end - 1 - i : first + i;
            yield return (range.PositionAt(index), () => range.Render(index));
        }
    }

    private sealed class PositionOrder : IComparer<StoredLogRecord>
    {
        public static readonly PositionOrder Instance = new();

        public int Compare(StoredLogRecord? x, StoredLogRecord? y) => x!.Position.CompareTo(y!.Position);
    }
}
