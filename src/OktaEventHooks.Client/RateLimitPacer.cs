using System;
using System.Diagnostics;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;

namespace OktaEventHooks.Client;

/// <summary>
/// Okta's rate-limit headers, remembered across calls (and threads) of one connection, so that requests
/// wait for the window to reset instead of running into 429, and, with a capacity cap below 100 %,
/// leave part of every bucket to other integrations of the org.
/// </summary>
public sealed class RateLimitPacer
{
    /// <summary>Sent this much after the computed reset, so the server's window has surely turned.</summary>
    private static readonly TimeSpan ResetMargin = TimeSpan.FromMilliseconds(60);

    private readonly object _gate = new object();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly DateTimeOffset _clockStart = DateTimeOffset.UtcNow;
    private readonly int _capacityPercent;

    // What the last response said about the current window.
    private int _limit;
    private int _remaining;
    private long _resetEpochSeconds;
    private int _pending;

    // Bounds of (server clock - local clock) in seconds, narrowed by every response's Date header.
    private double _offsetLow = double.NegativeInfinity;
    private double _offsetHigh = double.PositiveInfinity;

    public RateLimitPacer(int capacityPercent = 100)
    {
        if (capacityPercent < 1 || capacityPercent > 100)
        {
            throw new ArgumentOutOfRangeException(nameof(capacityPercent), capacityPercent, "Allowed: 1 to 100.");
        }

        _capacityPercent = capacityPercent;
    }

    /// <summary>The bucket size last reported by Okta, or null before the first response.</summary>
    public int? Limit { get { lock (_gate) { return _limit > 0 ? _limit : (int?)null; } } }

    /// <summary>Requests left in the current window, as last reported.</summary>
    public int? Remaining { get { lock (_gate) { return _limit > 0 ? _remaining : (int?)null; } } }

    /// <summary>When the current window resets (UTC), as last reported.</summary>
    public DateTimeOffset? Reset { get { lock (_gate) { return _resetEpochSeconds > 0 ? DateTimeOffset.FromUnixTimeSeconds(_resetEpochSeconds) : (DateTimeOffset?)null; } } }

    /// <summary>Local time now, on a monotonic clock.</summary>
    private double LocalNow => (_clockStart + _clock.Elapsed).ToUnixTimeMilliseconds() / 1000.0;

    /// <summary>Waits, if the known window has no room left for this caller, until it resets; then reserves a slot.</summary>
    public async Task<double> BeforeSendAsync(Action<string> trace, CancellationToken cancellationToken)
    {
        double waited = 0;
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                wait = WaitNeeded();
                if (wait <= TimeSpan.Zero)
                {
                    _pending++;
                    return waited;
                }
            }

            trace(string.Format(
                CultureInfo.InvariantCulture,
                "Rate limit: {0} of {1} requests of this window used{2}; waiting {3:0.00} s for the window to reset.",
                _limit - _remaining, _limit, _capacityPercent < 100 ? $" (cap {_capacityPercent} %)" : string.Empty, wait.TotalSeconds));
            await Task.Delay(wait, cancellationToken).ConfigureAwait(false);
            waited += wait.TotalSeconds;
            lock (_gate)
            {
                // The window we waited for is over; what the next one allows is learned from its first answer.
                if (LocalNow + Offset() >= _resetEpochSeconds)
                {
                    _limit = 0;
                }
            }
        }
    }

    /// <summary>Records what a response said; call once for every <see cref="BeforeSendAsync"/>.</summary>
    public void AfterResponse(double sentAt, string? limitHeader, string? remainingHeader, string? resetHeader, string? dateHeader)
    {
        var receivedAt = LocalNow;
        lock (_gate)
        {
            _pending = Math.Max(0, _pending - 1);
            if (DateTimeOffset.TryParse(dateHeader, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var date))
            {
                // Date has whole seconds: the server's time while answering was in [Date, Date + 1).
                var server = date.ToUnixTimeSeconds();
                _offsetLow = Math.Max(_offsetLow, server - receivedAt);
                _offsetHigh = Math.Min(_offsetHigh, server + 1 - sentAt);
            }

            if (int.TryParse(limitHeader, NumberStyles.Integer, CultureInfo.InvariantCulture, out var newLimit)
                && int.TryParse(remainingHeader, NumberStyles.Integer, CultureInfo.InvariantCulture, out var newRemaining)
                && long.TryParse(resetHeader, NumberStyles.Integer, CultureInfo.InvariantCulture, out var newReset)
                && newLimit > 0)
            {
                // Parallel answers can arrive out of order: within one window the smallest Remaining is the newest.
                // Any other Reset is another window (or a changed bucket): take it as it is.
                if (newReset == _resetEpochSeconds && newLimit == _limit)
                {
                    _remaining = Math.Min(_remaining, newRemaining);
                }
                else
                {
                    _limit = newLimit;
                    _remaining = newRemaining;
                    _resetEpochSeconds = newReset;
                }
            }
        }
    }

    /// <summary>Releases a slot taken by <see cref="BeforeSendAsync"/> when no response came.</summary>
    public void Abandon()
    {
        lock (_gate)
        {
            _pending = Math.Max(0, _pending - 1);
        }
    }

    /// <summary>Local seconds now; pass to <see cref="AfterResponse"/> as the send time.</summary>
    public double Now() => LocalNow;

    /// <summary>How long until the window that a 429 (or the pacing) refers to has reset on the server.</summary>
    public TimeSpan UntilReset(string? resetHeader)
    {
        lock (_gate)
        {
            if (!long.TryParse(resetHeader, NumberStyles.Integer, CultureInfo.InvariantCulture, out var reset))
            {
                reset = _resetEpochSeconds;
            }

            var seconds = reset - (LocalNow + Offset());
            return seconds > 0 ? TimeSpan.FromSeconds(seconds) + ResetMargin : ResetMargin;
        }
    }

    private TimeSpan WaitNeeded()
    {
        if (_limit <= 0)
        {
            return TimeSpan.Zero;
        }

        var untilReset = _resetEpochSeconds - (LocalNow + Offset());
        if (untilReset <= 0)
        {
            return TimeSpan.Zero;
        }

        var allowed = Math.Max(1, (int)Math.Floor(_limit * _capacityPercent / 100.0));
        var used = _limit - _remaining + _pending;
        return used >= allowed ? TimeSpan.FromSeconds(untilReset) + ResetMargin : TimeSpan.Zero;
    }

    /// <summary>
    /// The server clock's offset from ours: zero, as for clocks kept by NTP, unless the Date headers seen so
    /// far prove otherwise, then the allowed value nearest zero. (Date has whole seconds, so the headers only
    /// bound the offset; always taking a bound would wake up to a second late, window after window.)
    /// </summary>
    private double Offset() => Math.Min(Math.Max(0, _offsetLow), _offsetHigh);
}
