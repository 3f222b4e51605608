using System;
using System.Diagnostics;

namespace OktaEventHooks.Client.Http;

/// <summary>
/// What one call of the client may spend, all its requests together: the retries it may make and the deadline by
/// which every attempt and every wait has ended. The transport draws from it; so do the client's own second tries
/// (asking again after an unreadable answer, looking for a create whose answer was lost), so that nothing adds a
/// fresh allowance on top.
/// </summary>
internal sealed class CallBudget
{
    private readonly Stopwatch _clock;
    private readonly Func<TimeSpan> _elapsed;

    public CallBudget(int maxRetries, TimeSpan deadline)
        : this(maxRetries, deadline, null)
    {
    }

    /// <summary>A budget on the given clock, so tests can move time themselves.</summary>
    internal CallBudget(int maxRetries, TimeSpan deadline, Func<TimeSpan>? elapsed)
    {
        MaxRetries = Math.Max(0, maxRetries);
        Deadline = deadline;
        _clock = Stopwatch.StartNew();
        _elapsed = elapsed ?? (() => _clock.Elapsed);
    }

    /// <summary>At most this many short waits for the concurrent-request limit, on top of the retries.</summary>
    public const int MaxConcurrencyRetries = 20;

    public int MaxRetries { get; }

    public TimeSpan Deadline { get; }

    /// <summary>Requests sent so far.</summary>
    public int Attempts { get; private set; }

    /// <summary>Retries taken so far.</summary>
    public int Retries { get; private set; }

    public TimeSpan Elapsed => _elapsed();

    /// <summary>Time left before the deadline; zero when it has passed.</summary>
    public TimeSpan Remaining
    {
        get
        {
            var left = Deadline - _elapsed();
            return left > TimeSpan.Zero ? left : TimeSpan.Zero;
        }
    }

    /// <summary>Counts a request about to be sent.</summary>
    public void CountAttempt() => Attempts++;

    /// <summary>True, and the retry taken, when a retry is left and waiting <paramref name="wait"/> first still ends before the deadline.</summary>
    public bool TryTakeRetry(TimeSpan wait)
    {
        if (Retries >= MaxRetries || wait >= Remaining)
        {
            return false;
        }

        Retries++;
        return true;
    }

    /// <summary>
    /// Like <see cref="TryTakeRetry"/>, for Okta's concurrent-request limit: such a slot frees as soon as another
    /// request of the org ends, so these short waits do not count as retries; only the deadline and a cap bound them.
    /// </summary>
    public bool TryTakeConcurrencyRetry(TimeSpan wait)
    {
        if (ConcurrencyRetries >= MaxConcurrencyRetries || wait >= Remaining)
        {
            return false;
        }

        ConcurrencyRetries++;
        return true;
    }

    public int ConcurrencyRetries { get; private set; }

    /// <summary>The timeout for the next attempt: <paramref name="timeout"/>, cut to what is left of the deadline.</summary>
    public TimeSpan AttemptTimeout(TimeSpan timeout)
    {
        var left = Remaining;
        return left < timeout ? left : timeout;
    }
}
