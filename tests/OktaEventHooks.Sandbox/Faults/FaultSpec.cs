namespace OktaEventHooks.Sandbox.Faults;

/// <summary>How a faulted request is answered.</summary>
internal enum FaultMode
{
    /// <summary>A bare status code (or Okta's E0000009 body), as from a failing Okta node or gateway.</summary>
    Status,

    /// <summary>The answer is held back for a while: a slow or stuck server.</summary>
    Hang,

    /// <summary>The TCP connection is dropped with no HTTP answer at all.</summary>
    Reset,

    /// <summary>A 502 HTML page, as a load balancer or proxy in front of Okta would send.</summary>
    Html,

    /// <summary>A 200 whose JSON body is cut in half: a connection lost mid-body.</summary>
    Truncated,

    /// <summary>A 307 to another address: proves a client does not carry its credentials elsewhere.</summary>
    Redirect,

    /// <summary>
    /// A 400 in Okta's error shape whose summary and cause repeat the request's Authorization and DPoP headers, as a
    /// careless gateway or proxy would: proves a client never shows what a server echoes of its credentials.
    /// </summary>
    Echo,
}

/// <summary>When the fault strikes relative to the real work.</summary>
internal enum FaultTiming
{
    /// <summary>The request never reaches the org: no side effect.</summary>
    Before,

    /// <summary>The org does the work (a hook really is created), then the answer is lost or spoilt.</summary>
    After,
}

/// <summary>
/// One fault rule as posted to <c>/sandbox/faults</c>. Either <see cref="Count"/> (the next N matching
/// requests) or <see cref="Share"/> (that fraction of matching requests, drawn from a Random seeded
/// with <see cref="Seed"/> so a test sees the same pattern every run).
/// </summary>
internal sealed record FaultSpec(
    FaultMode Mode,
    FaultTiming When,
    int? Status,
    bool OktaBody,
    double? Seconds,
    string? Method,
    string? PathPrefix,
    string? PathExact,
    int? Count,
    double? Share,
    int? Seed,
    string? Location = null)
{
    public string ModeName => Mode.ToString().ToLowerInvariant();

    public string WhenName => When.ToString().ToLowerInvariant();

    // Paths compare case-insensitively because routing does too: /api/v1/eventhooks reaches the same endpoint.
    public bool Matches(string method, string path) =>
        (Method is null || Method.Equals(method, StringComparison.OrdinalIgnoreCase))
        && (PathPrefix is null || path.StartsWith(PathPrefix, StringComparison.OrdinalIgnoreCase))
        && (PathExact is null || path.Equals(PathExact, StringComparison.OrdinalIgnoreCase));
}
