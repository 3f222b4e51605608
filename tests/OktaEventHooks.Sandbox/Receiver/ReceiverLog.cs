using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Infrastructure;

namespace OktaEventHooks.Sandbox.Receiver;

/// <summary>One request that reached the receiver, with every header (so tests can see secrets arrive).</summary>
internal sealed record ReceivedRequest(
    long Sequence,
    DateTimeOffset Time,
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    string? Body)
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
        };
    }
}

/// <summary>Everything the receiver was sent since start or the last reset.</summary>
internal sealed class ReceiverLog
{
    private readonly Lock _gate = new();
    private readonly List<ReceivedRequest> _entries = [];
    private long _sequence;

    public void Add(Func<long, ReceivedRequest> create)
    {
        lock (_gate)
        {
            _entries.Add(create(++_sequence));
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
