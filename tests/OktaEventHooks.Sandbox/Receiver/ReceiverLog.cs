using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Infrastructure;

namespace OktaEventHooks.Sandbox.Receiver;

/// <summary>
/// One request that reached the receiver, with every header (so tests can see secrets arrive) and the status it was
/// answered with (null while it is held, or when the caller gave up first).
/// </summary>
internal sealed record ReceivedRequest(
    long Sequence,
    DateTimeOffset Time,
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string? Body,
    int? Answered = null)
{
    public JsonObject ToJson()
    {
        var headers = new JsonObject();
        foreach (var (name, value) in Headers)
        {
            headers[name] = value;
        }

        return new JsonObject
        {
            ["sequence"] = Sequence,
            ["time"] = OktaTime.Format(Time),
            ["method"] = Method,
            ["path"] = Path,
            ["query"] = Query,
            ["headers"] = headers,
            ["body"] = Body,
            ["answered"] = Answered,
        };
    }
}

/// <summary>Everything the receiver was sent since start or the last reset.</summary>
internal sealed class ReceiverLog
{
    private readonly Lock _gate = new();
    private readonly List<ReceivedRequest> _entries = [];
    private long _sequence;

    /// <summary>Adds the request on arrival and returns its sequence number.</summary>
    public long Add(Func<long, ReceivedRequest> create)
    {
        lock (_gate)
        {
            var request = create(++_sequence);
            _entries.Add(request);
            return request.Sequence;
        }
    }

    /// <summary>Notes the status the request was answered with (nothing when the log was cleared meanwhile).</summary>
    public void Answered(long sequence, int status)
    {
        lock (_gate)
        {
            var at = _entries.FindLastIndex(e => e.Sequence == sequence);
            if (at >= 0)
            {
                _entries[at] = _entries[at] with { Answered = status };
            }
        }
    }

    public IReadOnlyList<ReceivedRequest> Snapshot()
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
            _sequence = 0;
        }
    }
}
