using System.Text.Json.Nodes;

namespace OktaEventHooks.Sandbox;

/// <summary>
/// One /api/v1 request as the test endpoints report it. Holds no credentials. <see cref="Status"/> is what
/// was sent (0 when nothing was: a dropped connection or an abandoned hang); <see cref="Fault"/> names the
/// injected fault's mode, or is null.
/// </summary>
internal sealed record RequestLogEntry(
    long Sequence,
    DateTimeOffset Time,
    string Method,
    string Path,
    string Query,
    int Status,
    string? Fault,
    string RequestId,
    string? AuthorizationScheme,
    string? UserAgent,
    string? Body)
{
    public JsonObject ToJson() => new()
    {
        ["sequence"] = Sequence,
        ["time"] = OktaTime.Format(Time),
        ["method"] = Method,
        ["path"] = Path,
        ["query"] = Query,
        ["status"] = Status,
        ["fault"] = Fault,
        ["requestId"] = RequestId,
        ["authorizationScheme"] = AuthorizationScheme,
        ["userAgent"] = UserAgent,
        ["body"] = Body,
    };
}

/// <summary>
/// Every Okta API request the sandbox received since start or the last reset, so client tests can
/// assert what went over the wire (method, path, body, retries) rather than trusting the client.
/// </summary>
internal sealed class RequestLog
{
    private readonly Lock _gate = new();
    private readonly List<RequestLogEntry> _entries = [];
    private long _sequence;

    /// <summary>Numbers requests in arrival order; entries are added when the response is known.</summary>
    public long NextSequence()
    {
        lock (_gate)
        {
            return ++_sequence;
        }
    }

    public void Add(RequestLogEntry entry)
    {
        lock (_gate)
        {
            _entries.Add(entry);
        }
    }

    public IReadOnlyList<RequestLogEntry> Snapshot()
    {
        lock (_gate)
        {
            return _entries.OrderBy(e => e.Sequence).ToList();
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
