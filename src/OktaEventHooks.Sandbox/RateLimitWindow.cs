namespace OktaEventHooks.Sandbox;

/// <summary>What one request learnt from the rate limiter; rendered as the X-Rate-Limit-* headers.</summary>
internal readonly record struct RateLimitDecision(bool Allowed, int Limit, int Remaining, long ResetEpochSeconds);

/// <summary>
/// One fixed one-minute window shared by every /api/v1 request, like Okta's catch-all bucket.
/// The window starts with the first request after the previous one expired (Okta's windows are
/// not aligned to wall-clock minutes either).
/// </summary>
internal sealed class RateLimitWindow(int limitPerMinute)
{
    private static readonly TimeSpan WindowLength = TimeSpan.FromMinutes(1);

    private readonly Lock _gate = new();
    private DateTimeOffset _windowEnd = DateTimeOffset.MinValue;
    private int _used;

    public RateLimitDecision Acquire()
    {
        lock (_gate)
        {
            var now = DateTimeOffset.UtcNow;
            if (now >= _windowEnd)
            {
                _windowEnd = now + WindowLength;
                _used = 0;
            }

            var allowed = _used < limitPerMinute;
            if (allowed)
            {
                _used++;
            }

            // Round the reset up so a client sleeping until Reset never wakes inside the old window.
            var reset = (long)Math.Ceiling(_windowEnd.ToUnixTimeMilliseconds() / 1000.0);
            return new RateLimitDecision(allowed, limitPerMinute, Math.Max(0, limitPerMinute - _used), reset);
        }
    }

    public void Reset()
    {
        lock (_gate)
        {
            _windowEnd = DateTimeOffset.MinValue;
            _used = 0;
        }
    }
}
