using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Infrastructure;

namespace OktaEventHooks.Sandbox.Api;

/// <summary>
/// One /api/v1 (or /oauth2 token) request as the test endpoints report it. Holds no credentials: no token,
/// no client assertion. <see cref="Status"/> is what was sent (0 when nothing was: a dropped connection or an
/// abandoned hang); <see cref="Fault"/> names the injected fault's mode, or is null. <see cref="DpopJti"/> is the
/// jti of the DPoP proof sent with the request and <see cref="ClientId"/> the OAuth client behind it (null for SSWS).
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
    string? Body,
    string? DpopJti = null,
    string? ClientId = null)
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
        ["dpopJti"] = DpopJti,
        ["clientId"] = ClientId,
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
