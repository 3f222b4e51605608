using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.Threading.Tasks;
using System.Threading;
using System;
using OktaEventHooks.Client.Http;

namespace OktaEventHooks.Client.RateLimits;

/// <summary>
/// Okta's rate-limit headers, remembered per bucket across calls (and threads) of one connection, so that requests
/// wait for their bucket's window to reset instead of running into 429, and, with a capacity cap below 100 %, leave
/// part of every bucket to other integrations of the org. Okta counts each endpoint family in its own bucket
/// (<c>/api/v1/eventHooks</c>, <c>/api/v1/logs</c>, ...): draining one never delays calls to another.
/// </summary>
public sealed class RateLimitPacer
{
    /// <summary>The bucket of the Event Hooks API.</summary>
    public const string EventHooksBucket = OktaEndpoints.EventHooksBucketPrefix;

    /// <summary>Sent this much after the computed reset, so the server's window has surely turned.</summary>
    private static readonly TimeSpan ResetMargin = TimeSpan.FromMilliseconds(60);

    /// <summary>
    /// Okta's windows are a minute at most. A reset further ahead than this (against the server's clock, as far as the
    /// Date headers tell it) means the clocks or the headers disagree; the wait is then taken as one window.
    /// </summary>
    private static readonly TimeSpan LongestWindow = TimeSpan.FromSeconds(60);

    /// <summary>How long a caller waits, at the start of a window, for the first answers to say how much of it is used.</summary>
    private static readonly TimeSpan FirstAnswerWait = TimeSpan.FromMilliseconds(100);

    private static readonly char[] QueryStart = { '?', '#' };
    private static readonly char[] PathSeparator = { '/' };

    private readonly object _gate = new object();
    private readonly Func<double> _localNow;
    private readonly int _capacityPercent;
    private readonly Dictionary<string, Window> _windows = new Dictionary<string, Window>(StringComparer.Ordinal);

    // Bounds of (server clock - local clock) in seconds, narrowed by every response's Date header.
    private double _offsetLow = double.NegativeInfinity;
    private double _offsetHigh = double.PositiveInfinity;

    public RateLimitPacer(int capacityPercent = 100)
        : this(capacityPercent, MonotonicUtcSeconds())
    {
    }

    /// <summary>A pacer on the given clock (seconds since the Unix epoch), so tests can move time themselves.</summary>
    internal RateLimitPacer(int capacityPercent, Func<double> localNowSeconds)
    {
        if (capacityPercent < 1 || capacityPercent > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(capacityPercent), capacityPercent, "Allowed: 1 to 100.");
        }

        _capacityPercent = capacityPercent;
        _localNow = localNowSeconds ?? throw new ArgumentNullException(nameof(localNowSeconds));
    }

    /// <summary>The bucket size of the Event Hooks API last reported by Okta, or null before the first response.</summary>
    public int? Limit => Snapshot(EventHooksBucket)?.Limit;

    /// <summary>Requests left in the current Event Hooks window, as last reported.</summary>
    public int? Remaining => Snapshot(EventHooksBucket)?.Remaining;

    /// <summary>When the current Event Hooks window resets (UTC), as last reported.</summary>
    public DateTimeOffset? Reset => Snapshot(EventHooksBucket)?.Reset;

    /// <summary>The bucket a request path counts against: its first three segments, e.g. <c>api/v1/logs</c>.</summary>
    public static string BucketOf(string path)
    {
        var trimmed = (path ?? string.Empty).TrimStart('/');
        var query = trimmed.IndexOfAny(QueryStart);
        if (query >= 0)
        {
            trimmed = trimmed.Substring(0, query);
        }

        var segments = trimmed.Split(PathSeparator, 4);
        return string.Join("/", segments, 0, Math.Min(3, segments.Length)).ToLowerInvariant();
    }

    /// <summary>A bucket as people call it: "the Event Hooks API", "the System Log", or its path.</summary>
    public static string Describe(string bucket) => OktaEndpoints.DescribeBucket(bucket);

    /// <summary>What Okta last said about <paramref name="bucket"/>, or null before its first response.</summary>
    public RateLimitWindow? Snapshot(string bucket)
    {
        lock (_gate)
        {
            return _windows.TryGetValue(bucket, out var window) && window.Limit > 0
                ? new RateLimitWindow(window.Limit, window.Remaining, DateTimeOffset.FromUnixTimeSeconds(window.ResetEpochSeconds))
                : null;
        }
    }

    /// <summary>Local time now, in seconds since the Unix epoch; pass to <see cref="AfterResponse"/> as the send time.</summary>
    public double Now() => _localNow();

    /// <summary>
    /// How long a request to <paramref name="bucket"/> must wait before it may be sent; zero when it may go now, in
    /// which case a slot of the window is reserved for it (release it with <see cref="AfterResponse"/> or
    /// <see cref="Abandon"/>).
    /// </summary>
    public TimeSpan TryReserve(string bucket)
    {
        lock (_gate)
        {
            var window = WindowOf(bucket);
            var wait = WaitNeeded(window);
            if (wait <= TimeSpan.Zero)
            {
                window.Pending++;
                return TimeSpan.Zero;
            }

            return wait;
        }
    }

    /// <summary>
    /// Waits, while <paramref name="bucket"/>'s window has no room left for this caller, until it resets; then
    /// reserves a slot. Never waits longer than <paramref name="maxWait"/> in all: returns false (nothing reserved)
    /// when the window would reset later than that. <paramref name="onWait"/> hears of each wait before it starts.
    /// </summary>
    public async Task<bool> BeforeSendAsync(
        string bucket, TimeSpan maxWait, Action<RateLimitWait> onWait, CancellationToken cancellationToken)
    {
        if (onWait == null)
        {
            throw new ArgumentNullException(nameof(onWait));
        }

        var waited = TimeSpan.Zero;
        while (true)
        {
            var wait = TryReserve(bucket);
            if (wait <= TimeSpan.Zero)
            {
                return true;
            }

            if (waited + wait > maxWait)
            {
                return false;
            }

            RateLimitWait notice;
            lock (_gate)
            {
                var window = WindowOf(bucket);
                notice = new RateLimitWait(bucket, window.Limit - window.Remaining, window.Limit, _capacityPercent, wait);
            }

            onWait(notice);
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            waited += wait;
        }
    }

    /// <summary>Records what a response said; call once for every reserved slot.</summary>
    public void AfterResponse(string bucket, double sentAt, string? limitHeader, string? remainingHeader, string? resetHeader, string? dateHeader)
    {
        var receivedAt = _localNow();
        lock (_gate)
        {
            var window = WindowOf(bucket);
            window.Pending = Math.Max(0, window.Pending - 1);
            if (DateTimeOffset.TryParse(dateHeader, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                // Date has whole seconds: the server's time while answering was in [Date, Date + 1).
                var server = date.ToUnixTimeSeconds();
                var low = server - receivedAt;
                var high = server + 1 - sentAt;
                if (low > _offsetHigh || high < _offsetLow)
                {
                    // A Date that contradicts the earlier ones (the server's clock was set, or a different server
                    // answered): start again from this answer alone.
                    _offsetLow = low;
                    _offsetHigh = high;
                }
                else
                {
                    _offsetLow = Math.Max(_offsetLow, low);
                    _offsetHigh = Math.Min(_offsetHigh, high);
                }
            }

            if (int.TryParse(limitHeader, NumberStyles.Integer, CultureInfo.InvariantCulture, out var newLimit)
                && int.TryParse(remainingHeader, NumberStyles.Integer, CultureInfo.InvariantCulture, out var newRemaining)
                && ParseReset(resetHeader, receivedAt) is long newReset
                && newLimit > 0)
            {
                // Parallel answers can arrive out of order: within one window the smallest Remaining is the newest, and
                // an answer about a window older than the one known (same limit, earlier Reset) is stale. A later Reset
                // is the next window, another limit a changed bucket (which may reset sooner): take it as it is.
                if (newReset == window.ResetEpochSeconds && newLimit == window.Limit)
                {
                    window.Remaining = Math.Min(window.Remaining, newRemaining);
                }
                else if (newReset >= window.ResetEpochSeconds || newLimit != window.Limit || window.Limit == 0)
                {
                    window.Limit = newLimit;
                    window.Remaining = Math.Max(0, newRemaining);
                    window.ResetEpochSeconds = newReset;
                }
            }
        }
    }

    /// <summary>Releases a slot reserved by <see cref="TryReserve"/> or <see cref="BeforeSendAsync"/> when no response came.</summary>
    public void Abandon(string bucket)
    {
        lock (_gate)
        {
            var window = WindowOf(bucket);
            window.Pending = Math.Max(0, window.Pending - 1);
        }
    }

    /// <summary>How long until the window that a 429 of <paramref name="bucket"/> refers to has reset on the server.</summary>
    public TimeSpan UntilReset(string bucket, string? resetHeader)
    {
        lock (_gate)
        {
            return Until(ParseReset(resetHeader, _localNow()) ?? WindowOf(bucket).ResetEpochSeconds);
        }
    }

    /// <summary>The longest a window is believed to last: Okta's reset within a minute; a Reset years away is a broken header.</summary>
    private static readonly TimeSpan MaxWindow = TimeSpan.FromHours(1);

    /// <summary>X-Rate-Limit-Reset in Unix seconds, clamped to at most <see cref="MaxWindow"/> from now; null when it is not a number.</summary>
    private static long? ParseReset(string? resetHeader, double now)
    {
        if (!long.TryParse(resetHeader, NumberStyles.Integer, CultureInfo.InvariantCulture, out var reset))
        {
            return null;
        }

        var latest = (long)now + (long)MaxWindow.TotalSeconds;
        return Math.Max(0, Math.Min(reset, latest));
    }

    private Window WindowOf(string bucket)
    {
        if (!_windows.TryGetValue(bucket, out var window))
        {
            window = new Window();
            _windows[bucket] = window;
        }

        return window;
    }

    private TimeSpan WaitNeeded(Window window)
    {
        if (window.Limit <= 0)
        {
            return TimeSpan.Zero;
        }

        var allowed = Math.Max(1, (int)Math.Floor(window.Limit * _capacityPercent / 100.0));
        if (_localNow() + Offset() >= window.ResetEpochSeconds)
        {
            // A new window has begun; until its first answer tells its count, take it as full and of the same size, and
            // count what is in flight, so that callers arriving together still keep to the share.
            return window.Pending >= allowed ? FirstAnswerWait : TimeSpan.Zero;
        }

        var used = window.Limit - window.Remaining + window.Pending;
        return used >= allowed ? Until(window.ResetEpochSeconds) : TimeSpan.Zero;
    }

    private TimeSpan Until(long resetEpochSeconds)
    {
        var seconds = resetEpochSeconds - (_localNow() + Offset());
        if (seconds <= 0)
        {
            return ResetMargin;
        }

        var wait = TimeSpan.FromSeconds(seconds);
        return (wait > LongestWindow ? LongestWindow : wait) + ResetMargin;
    }

    /// <summary>
    /// The server clock's offset from ours: zero, as for clocks kept by NTP, unless the Date headers seen so far prove
    /// otherwise, then the allowed value that turns a window last (nearest zero when the server is ahead, the lower bound
    /// when it is behind). (Date has whole seconds, so the headers only bound the offset;
    /// always taking a bound would wake up to a second late, window after window.)
    /// </summary>
    private double Offset() => _offsetHigh < 0
        ? _offsetLow // The server's clock is surely behind ours: take it as far behind as it may be, so no window is thought over early.
        : Math.Min(Math.Max(0, _offsetLow), _offsetHigh);

    private static Func<double> MonotonicUtcSeconds()
    {
        var start = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        return () => (start + clock.Elapsed).ToUnixTimeMilliseconds() / 1000.0;
    }

    /// <summary>What the last answer said about one bucket's current window, and the requests in flight in it.</summary>
    private sealed class Window
    {
        public int Limit;
        public int Remaining;
        public long ResetEpochSeconds;
        public int Pending;
    }
}

/// <summary>One bucket's window as Okta last reported it.</summary>
public sealed class RateLimitWindow
{
    public RateLimitWindow(int limit, int remaining, DateTimeOffset reset)
    {
        Limit = limit;
        Remaining = remaining;
        Reset = reset;
    }

    public int Limit { get; }

    public int Remaining { get; }

    public DateTimeOffset Reset { get; }
}

/// <summary>A wait for a bucket's window to reset, told before it starts.</summary>
public sealed class RateLimitWait : WaitNotice
{
    public RateLimitWait(string bucket, int used, int limit, int capacityPercent, TimeSpan wait)
        : base("the rate-limit window of " + RateLimitPacer.Describe(bucket) + " to reset", wait, DateTimeOffset.Now + wait)
    {
        Bucket = bucket;
        Used = used;
        Limit = limit;
        CapacityPercent = capacityPercent;
    }

    public string Bucket { get; }

    public int Used { get; }

    public int Limit { get; }

    public int CapacityPercent { get; }

    public TimeSpan Wait => Duration;

    public override string ToString() => string.Format(
        CultureInfo.InvariantCulture,
        "Rate limit of {0}: {1} of {2} requests of this window used{3}; waiting {4:0.00} s for the window to reset.",
        Bucket, Used, Limit, CapacityPercent < 100 ? $" (cap {CapacityPercent} %)" : string.Empty, Wait.TotalSeconds);
}
