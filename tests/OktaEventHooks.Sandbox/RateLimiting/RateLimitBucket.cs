using System.Text.Json.Nodes;

namespace OktaEventHooks.Sandbox.RateLimiting;

/// <summary>Why a request was or was not let in.</summary>
internal enum RateLimitVerdict
{
    Admitted,
    WindowExhausted,
    TooManyConcurrent,
}

/// <summary>What one request learnt from the bucket; rendered as the X-Rate-Limit-* headers.</summary>
internal readonly record struct RateLimitDecision(RateLimitVerdict Verdict, int Limit, int Remaining, long ResetEpochSeconds)
{
    public bool Admitted => Verdict == RateLimitVerdict.Admitted;
}

/// <summary>The bucket as <c>GET /sandbox/rate-limit</c> shows it.</summary>
internal sealed record RateLimitStatus(RateLimitSettings Settings, int Used, long? ResetEpochSeconds, long Rejected, int InFlight)
{
    public JsonObject ToJson() => new()
    {
        ["limit"] = Settings.Limit,
        ["windowSeconds"] = Settings.WindowSeconds,
        ["concurrentLimit"] = Settings.ConcurrentLimit,
        ["used"] = Used,
        ["remaining"] = Math.Max(0, Settings.Limit - Used),
        // null while no window is open: the next /api/v1 request starts one.
        ["resetEpochSeconds"] = ResetEpochSeconds,
        ["rejected"] = Rejected,
        ["inFlight"] = InFlight,
    };
}

/// <summary>
/// The org's single /api/v1 bucket, like Okta's catch-all one: a fixed window that starts with the first
/// request after the previous window expired (Okta's windows are not aligned to wall-clock minutes either),
/// plus an optional cap on requests in flight. Every admitted request must be <see cref="Release"/>d.
/// </summary>
internal sealed class RateLimitBucket(RateLimitSettings startup)
{
    private readonly Lock _gate = new();
    private readonly RateLimitSettings _startup = startup;
    private RateLimitSettings _settings = startup;
    private DateTimeOffset _windowEnd = DateTimeOffset.MinValue;
    private int _used;
    private int _inFlight;
    private long _rejected;

    /// <summary>Settings under the lock, for callers that change only part of them.</summary>
    public RateLimitSettings Settings
    {
        get
        {
            lock (_gate)
            {
                return _settings;
            }
        }
    }

    public RateLimitDecision Acquire(DateTimeOffset now)
    {
        lock (_gate)
        {
            var limit = _settings.Limit;

            // Checked first, and without touching the window: Okta signals the concurrent limit with
            // Limit = Remaining = 0, and such a request does not cost a request of the window.
            if (_settings.ConcurrentLimit > 0 && _inFlight >= _settings.ConcurrentLimit)
            {
                _rejected++;
                var estimate = now < _windowEnd ? _windowEnd : now + _settings.WindowLength;
                return new RateLimitDecision(RateLimitVerdict.TooManyConcurrent, 0, 0, RoundUpToSecond(estimate));
            }

            if (now >= _windowEnd)
            {
                // A window starts on a whole second: X-Rate-Limit-Reset can only name whole seconds, so it is
                // then exact, and a client that waits until Reset loses nothing to rounding.
                var start = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
                _windowEnd = start + _settings.WindowLength;
                _used = 0;
            }

            var reset = RoundUpToSecond(_windowEnd);
            if (_used >= limit)
            {
                // Refused requests cost nothing: they neither extend this window nor eat into the next.
                _rejected++;
                return new RateLimitDecision(RateLimitVerdict.WindowExhausted, limit, 0, reset);
            }

            _used++;
            _inFlight++;
            return new RateLimitDecision(RateLimitVerdict.Admitted, limit, limit - _used, reset);
        }
    }

    /// <summary>Ends an admitted request's stay in flight.</summary>
    public void Release()
    {
        lock (_gate)
        {
            _inFlight--;
        }
    }

    public RateLimitStatus Status(DateTimeOffset now)
    {
        lock (_gate)
        {
            var open = now < _windowEnd;
            return new RateLimitStatus(_settings, open ? _used : 0, open ? RoundUpToSecond(_windowEnd) : null, _rejected, _inFlight);
        }
    }

    /// <summary>New settings take effect at once, with a fresh window. Requests in flight stay counted.</summary>
    public void Configure(RateLimitSettings settings)
    {
        lock (_gate)
        {
            StartOver(settings);
        }
    }

    /// <summary>Back to the start-up settings with every counter zeroed (requests in flight stay counted).</summary>
    public void Reset()
    {
        lock (_gate)
        {
            StartOver(_startup);
            _rejected = 0;
        }
    }

    private void StartOver(RateLimitSettings settings)
    {
        _settings = settings;
        _windowEnd = DateTimeOffset.MinValue;
        _used = 0;
    }

    // Round up so a client sleeping until Reset never wakes inside the old window.
    // Whole ticks, not milliseconds: truncating to milliseconds first could land a tick before the window end.
    private static long RoundUpToSecond(DateTimeOffset moment)
    {
        var ticks = moment.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks;
        return (ticks + TimeSpan.TicksPerSecond - 1) / TimeSpan.TicksPerSecond;
    }
}
