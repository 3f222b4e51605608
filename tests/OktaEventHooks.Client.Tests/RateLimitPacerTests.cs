using System.Globalization;
using OktaEventHooks.Client.RateLimits;

namespace OktaEventHooks.Client.Tests;

public sealed class RateLimitPacerTests
{
    private const string Hooks = RateLimitPacer.EventHooksBucket;
    private const string Logs = "api/v1/logs";

    /// <summary>Local time of the tests, seconds since the Unix epoch; a whole second, as Okta's reset and Date are.</summary>
    private const long Start = 1_800_000_000;

    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(60);

    private double _now = Start;

    private RateLimitPacer Pacer(int capacityPercent = 100) => new(capacityPercent, () => _now);

    /// <summary>An answer to a request sent at <paramref name="sentAt"/> (default: now) and received now.</summary>
    private void Answer(
        RateLimitPacer pacer, int limit, int remaining, double reset, double? serverNow = null, string bucket = Hooks, double? sentAt = null) =>
        pacer.AfterResponse(
            bucket,
            sentAt ?? _now,
            limit.ToString(CultureInfo.InvariantCulture),
            remaining.ToString(CultureInfo.InvariantCulture),
            ((long)reset).ToString(CultureInfo.InvariantCulture),
            serverNow == null ? null : HttpDate(serverNow.Value));

    /// <summary>An HTTP Date header: whole seconds, the fraction cut off as servers do.</summary>
    private static string HttpDate(double epochSeconds) =>
        DateTimeOffset.FromUnixTimeSeconds((long)Math.Floor(epochSeconds)).ToString("r", CultureInfo.InvariantCulture);

    private static int Reservations(RateLimitPacer pacer, string bucket = Hooks, int atMost = 10_000)
    {
        var count = 0;
        while (count < atMost && pacer.TryReserve(bucket) == TimeSpan.Zero)
        {
            count++;
        }

        return count;
    }

    private static void AssertClose(TimeSpan expected, TimeSpan actual) =>
        Assert.InRange(actual.TotalMilliseconds, expected.TotalMilliseconds - 1, expected.TotalMilliseconds + 1);

    [Theory]
    [InlineData("/api/v1/eventHooks", "api/v1/eventhooks")]
    [InlineData("api/v1/eventHooks/who4k2Zq7RmT9xPcN1d7", "api/v1/eventhooks")]
    [InlineData("/api/v1/eventHooks/who4k2Zq7RmT9xPcN1d7/lifecycle/activate", "api/v1/eventhooks")]
    [InlineData("/api/v1/eventHooks?limit=20&after=x", "api/v1/eventhooks")]
    [InlineData("/api/v1/logs?since=2026-01-01T00:00:00Z", "api/v1/logs")]
    [InlineData("/api/v1/logs#top", "api/v1/logs")]
    [InlineData("oauth2/v1/token", "oauth2/v1/token")]
    [InlineData("//api/v1/users/00u1", "api/v1/users")]
    [InlineData("api", "api")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void Puts_a_path_in_the_bucket_of_its_first_three_segments(string? path, string bucket) =>
        Assert.Equal(bucket, RateLimitPacer.BucketOf(path!));

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-5)]
    public void Refuses_a_capacity_outside_1_to_100_percent(int capacityPercent) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Pacer(capacityPercent));

    [Fact]
    public void Refuses_a_missing_clock() =>
        Assert.Throws<ArgumentNullException>(() => new RateLimitPacer(100, null!));

    [Fact]
    public void Lets_every_request_go_before_the_first_answer()
    {
        var pacer = Pacer(capacityPercent: 1);
        Assert.Equal(100, Reservations(pacer, atMost: 100));
        Assert.Null(pacer.Snapshot(Hooks));
        Assert.Null(pacer.Limit);
        Assert.Null(pacer.Remaining);
        Assert.Null(pacer.Reset);
    }

    [Fact]
    public void Remembers_what_the_last_answer_said_per_bucket()
    {
        var pacer = Pacer();
        Answer(pacer, limit: 100, remaining: 97, reset: Start + 42);
        Answer(pacer, limit: 60, remaining: 12, reset: Start + 7, bucket: Logs);

        var hooks = pacer.Snapshot(Hooks)!;
        Assert.Equal(100, hooks.Limit);
        Assert.Equal(97, hooks.Remaining);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Start + 42), hooks.Reset);
        Assert.Equal(100, pacer.Limit);
        Assert.Equal(97, pacer.Remaining);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Start + 42), pacer.Reset);
        Assert.Equal(12, pacer.Snapshot(Logs)!.Remaining);
        Assert.Null(pacer.Snapshot("api/v1/users"));
    }

    [Fact]
    public void Reads_the_send_time_from_its_clock()
    {
        var pacer = Pacer();
        _now = Start + 0.25;
        Assert.Equal(Start + 0.25, pacer.Now());
    }

    [Fact]
    public void Waits_for_the_window_to_reset_when_the_cap_is_reached()
    {
        var pacer = Pacer();
        Answer(pacer, limit: 10, remaining: 0, reset: Start + 30);
        AssertClose(TimeSpan.FromSeconds(30) + Margin, pacer.TryReserve(Hooks));

        _now = Start + 12.5;
        AssertClose(TimeSpan.FromSeconds(17.5) + Margin, pacer.TryReserve(Hooks));
    }

    [Fact]
    public void Lets_requests_go_again_once_the_window_has_reset()
    {
        var pacer = Pacer();
        Answer(pacer, limit: 10, remaining: 0, reset: Start + 30);
        _now = Start + 30;
        Assert.Equal(TimeSpan.Zero, pacer.TryReserve(Hooks));
    }

    [Fact]
    public void Takes_the_next_window_from_its_first_answer()
    {
        var pacer = Pacer();
        Answer(pacer, limit: 10, remaining: 0, reset: Start + 30);
        _now = Start + 31;
        Assert.Equal(TimeSpan.Zero, pacer.TryReserve(Hooks));
        Answer(pacer, limit: 10, remaining: 9, reset: Start + 90);

        Assert.Equal(9, pacer.Remaining);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Start + 90), pacer.Reset);
        Assert.Equal(9, Reservations(pacer));
        AssertClose(TimeSpan.FromSeconds(59) + Margin, pacer.TryReserve(Hooks));
    }

    [Fact]
    public void Counts_requests_in_flight_against_the_window()
    {
        var pacer = Pacer();
        Answer(pacer, limit: 10, remaining: 3, reset: Start + 30);
        Assert.Equal(3, Reservations(pacer));
        Assert.True(pacer.TryReserve(Hooks) > TimeSpan.Zero);
    }

    [Fact]
    public void Frees_the_slot_of_a_request_that_got_no_answer()
    {
        var pacer = Pacer();
        Answer(pacer, limit: 10, remaining: 1, reset: Start + 30);
        Assert.Equal(TimeSpan.Zero, pacer.TryReserve(Hooks));
        Assert.True(pacer.TryReserve(Hooks) > TimeSpan.Zero);

        pacer.Abandon(Hooks);
        Assert.Equal(TimeSpan.Zero, pacer.TryReserve(Hooks));
    }

    [Fact]
    public void Frees_the_slot_of_an_answered_request_and_counts_it_in_Remaining_instead()
    {
        var pacer = Pacer();
        Answer(pacer, limit: 10, remaining: 2, reset: Start + 30);
        Assert.Equal(2, Reservations(pacer));

        Answer(pacer, limit: 10, remaining: 1, reset: Start + 30);
        Assert.True(pacer.TryReserve(Hooks) > TimeSpan.Zero);
        Answer(pacer, limit: 10, remaining: 0, reset: Start + 30);
        Assert.True(pacer.TryReserve(Hooks) > TimeSpan.Zero);
    }

    [Fact]
    public void Never_counts_a_slot_below_zero_when_released_too_often()
    {
        var pacer = Pacer();
        Answer(pacer, limit: 10, remaining: 2, reset: Start + 30);
        pacer.Abandon(Hooks);
        pacer.Abandon(Hooks);
        Assert.Equal(2, Reservations(pacer));
    }

    [Theory]
    [InlineData(100, 10, 10)]
    [InlineData(50, 10, 5)]
    [InlineData(75, 10, 7)]
    [InlineData(99, 100, 99)]
    [InlineData(10, 600, 60)]
    [InlineData(1, 1000, 10)]
    [InlineData(1, 10, 1)]
    [InlineData(33, 3, 1)]
    public void Leaves_the_rest_of_each_window_to_others_with_a_capacity_share(int capacityPercent, int limit, int allowed)
    {
        var pacer = Pacer(capacityPercent);
        Answer(pacer, limit, remaining: limit, reset: Start + 60);
        Assert.Equal(allowed, Reservations(pacer));
    }

    [Fact]
    public void Counts_what_others_used_against_the_share()
    {
        var pacer = Pacer(capacityPercent: 50);
        Answer(pacer, limit: 10, remaining: 7, reset: Start + 60);
        Assert.Equal(2, Reservations(pacer));

        var wait = pacer.TryReserve(Hooks);
        AssertClose(TimeSpan.FromSeconds(60) + Margin, wait);
    }

    [Fact]
    public async Task Never_reserves_more_than_the_share_for_concurrent_callers()
    {
        var pacer = Pacer(capacityPercent: 50);
        Answer(pacer, limit: 100, remaining: 100, reset: Start + 60);

        var reserved = 0;
        using var start = new ManualResetEventSlim();
        var callers = Enumerable.Range(0, 16).Select(_ => Task.Run(() =>
        {
            start.Wait();
            for (var i = 0; i < 50; i++)
            {
                if (pacer.TryReserve(Hooks) == TimeSpan.Zero)
                {
                    Interlocked.Increment(ref reserved);
                }
            }
        })).ToArray();
        start.Set();
        await Task.WhenAll(callers);

        Assert.Equal(50, reserved);
    }

    [Fact]
    public async Task Lets_exactly_the_share_through_when_many_callers_ask_at_once_without_waiting()
    {
        var pacer = Pacer(capacityPercent: 50);
        Answer(pacer, limit: 20, remaining: 20, reset: Start + 60);

        var results = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ =>
            Task.Run(() => pacer.BeforeSendAsync(Hooks, TimeSpan.FromSeconds(1), _ => { }, CancellationToken.None))));

        Assert.Equal(10, results.Count(sent => sent));
    }

    [Fact]
    public void Never_delays_one_bucket_for_another_bucket_s_exhausted_window()
    {
        var pacer = Pacer();
        Answer(pacer, limit: 60, remaining: 0, reset: Start + 55, bucket: Logs);
        Answer(pacer, limit: 100, remaining: 90, reset: Start + 55);

        Assert.True(pacer.TryReserve(Logs) > TimeSpan.Zero);
        Assert.Equal(90, Reservations(pacer, Hooks));
        Assert.Equal(100, Reservations(pacer, "api/v1/users", atMost: 100));
    }

    [Fact]
    public void Keeps_the_smallest_Remaining_when_answers_of_one_window_arrive_out_of_order()
    {
        var pacer = Pacer();
        Answer(pacer, limit: 10, remaining: 5, reset: Start + 30);
        Answer(pacer, limit: 10, remaining: 7, reset: Start + 30);
        Assert.Equal(5, pacer.Remaining);
        Assert.Equal(5, Reservations(pacer));
    }

    [Fact]
    public void Takes_an_answer_with_another_limit_as_a_changed_bucket()
    {
        var pacer = Pacer();
        Answer(pacer, limit: 10, remaining: 2, reset: Start + 30);
        Answer(pacer, limit: 50, remaining: 40, reset: Start + 30);
        Assert.Equal(50, pacer.Limit);
        Assert.Equal(40, pacer.Remaining);
    }

    [Fact]
    public void Takes_a_changed_bucket_that_resets_sooner_than_the_window_it_replaces()
    {
        // A bucket of a million a minute becomes 30 per 5 s: the new, smaller window must be taken, not ignored as stale.
        var pacer = Pacer();
        Answer(pacer, limit: 1000000, remaining: 999990, reset: Start + 60);
        Answer(pacer, limit: 30, remaining: 0, reset: Start + 5);
        Assert.Equal(30, pacer.Limit);
        Assert.Equal(0, pacer.Remaining);
        Assert.True(pacer.TryReserve(RateLimitPacer.EventHooksBucket) > TimeSpan.Zero);
    }

    [Theory]
    [InlineData(null, "9", "1800000030")]
    [InlineData("10", null, "1800000030")]
    [InlineData("10", "9", null)]
    [InlineData("ten", "9", "1800000030")]
    [InlineData("10", "9", "soon")]
    [InlineData("0", "0", "1800000030")]
    [InlineData("-10", "0", "1800000030")]
    public void Ignores_rate_limit_headers_that_are_missing_or_not_numbers(string? limit, string? remaining, string? reset)
    {
        var pacer = Pacer();
        pacer.AfterResponse(Hooks, _now, limit, remaining, reset, null);
        Assert.Null(pacer.Snapshot(Hooks));
        Assert.Equal(100, Reservations(pacer, atMost: 100));
    }

    [Fact]
    public void Reads_a_negative_Remaining_as_none_left()
    {
        var pacer = Pacer();
        Answer(pacer, limit: 10, remaining: -3, reset: Start + 30);
        Assert.Equal(0, pacer.Remaining);
    }

    [Fact]
    public void Judges_the_reset_by_the_local_clock_when_answers_have_no_Date()
    {
        var pacer = Pacer();
        Answer(pacer, limit: 10, remaining: 0, reset: Start + 20, serverNow: null);
        AssertClose(TimeSpan.FromSeconds(20) + Margin, pacer.TryReserve(Hooks));
    }

    [Fact]
    public void Ignores_a_Date_that_is_not_a_date()
    {
        var pacer = Pacer();
        pacer.AfterResponse(Hooks, _now, "10", "0", (Start + 20).ToString(CultureInfo.InvariantCulture), "yesterday-ish");
        AssertClose(TimeSpan.FromSeconds(20) + Margin, pacer.TryReserve(Hooks));
    }

    [Fact]
    public void Keeps_a_zero_offset_when_the_Date_agrees_with_the_local_clock()
    {
        var pacer = Pacer();
        _now = Start + 0.4;
        Answer(pacer, limit: 10, remaining: 0, reset: Start + 20, serverNow: Start + 0.4);
        AssertClose(TimeSpan.FromSeconds(19.6) + Margin, pacer.TryReserve(Hooks));
    }

    [Fact]
    public void Waits_only_until_the_server_s_reset_when_the_server_clock_is_ahead()
    {
        // The server's clock is 30 s ahead: its window resets 20 s from now, at what it calls Start + 50.
        var pacer = Pacer();
        Answer(pacer, limit: 10, remaining: 0, reset: Start + 50, serverNow: Start + 30);
        AssertClose(TimeSpan.FromSeconds(20) + Margin, pacer.TryReserve(Hooks));
        AssertClose(TimeSpan.FromSeconds(20) + Margin, pacer.UntilReset(Hooks, null));

        _now = Start + 20;
        Assert.Equal(TimeSpan.Zero, pacer.TryReserve(Hooks));
    }

    [Fact]
    public void Keeps_waiting_for_the_server_s_reset_when_the_server_clock_is_behind()
    {
        // The server's clock is 30 s behind: its reset at what it calls Start - 10 is 20 s from now, not past.
        var pacer = Pacer();
        Answer(pacer, limit: 10, remaining: 0, reset: Start - 10, serverNow: Start - 30);
        var wait = pacer.TryReserve(Hooks);
        Assert.InRange(wait, TimeSpan.FromSeconds(19), TimeSpan.FromSeconds(20) + Margin);
    }

    [Fact]
    public void Narrows_the_server_clock_offset_with_every_Date()
    {
        var pacer = Pacer();

        // The server is 2.5 s ahead. The first Date says 2 to 3 s; the second, half a second later, 2.5 to 3.5 s.
        Answer(pacer, limit: 10, remaining: 0, reset: Start + 30, serverNow: Start + 2.5);
        AssertClose(TimeSpan.FromSeconds(28) + Margin, pacer.TryReserve(Hooks));

        _now = Start + 0.5;
        Answer(pacer, limit: 10, remaining: 0, reset: Start + 30, serverNow: Start + 3);
        AssertClose(TimeSpan.FromSeconds(27) + Margin, pacer.TryReserve(Hooks));
    }

    [Fact]
    public void Bounds_the_offset_by_the_time_the_answer_took()
    {
        var pacer = Pacer();

        // Sent at Start, answered at Start + 4, Date Start + 10: the offset is 6 to 11 s; 6 is taken.
        _now = Start + 4;
        Answer(pacer, limit: 10, remaining: 0, reset: Start + 40, serverNow: Start + 10, sentAt: Start);
        AssertClose(TimeSpan.FromSeconds(30) + Margin, pacer.TryReserve(Hooks));
    }

    [Fact]
    public void Starts_again_from_a_Date_that_contradicts_the_earlier_ones()
    {
        var pacer = Pacer();

        // First the server is 30 s behind; then its clock is set and it is 10 s ahead.
        Answer(pacer, limit: 10, remaining: 0, reset: Start, serverNow: Start - 30);
        Answer(pacer, limit: 10, remaining: 0, reset: Start + 30, serverNow: Start + 10);
        AssertClose(TimeSpan.FromSeconds(20) + Margin, pacer.TryReserve(Hooks));
    }

    [Fact]
    public void Takes_a_reset_more_than_a_minute_ahead_as_one_window()
    {
        var pacer = Pacer();
        Answer(pacer, limit: 10, remaining: 0, reset: Start + 3600);
        AssertClose(TimeSpan.FromSeconds(60) + Margin, pacer.TryReserve(Hooks));
        AssertClose(TimeSpan.FromSeconds(60) + Margin, pacer.UntilReset(Hooks, (Start + 86_400).ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Tells_a_429_how_long_until_the_reset_it_names()
    {
        var pacer = Pacer();
        AssertClose(TimeSpan.FromSeconds(12) + Margin, pacer.UntilReset(Hooks, (Start + 12).ToString(CultureInfo.InvariantCulture)));
    }

    [Fact]
    public void Tells_a_429_without_a_reset_the_reset_of_its_bucket_s_window()
    {
        var pacer = Pacer();
        Answer(pacer, limit: 10, remaining: 0, reset: Start + 8);
        Answer(pacer, limit: 10, remaining: 0, reset: Start + 50, bucket: Logs);
        AssertClose(TimeSpan.FromSeconds(8) + Margin, pacer.UntilReset(Hooks, null));
        AssertClose(TimeSpan.FromSeconds(8) + Margin, pacer.UntilReset(Hooks, "not a number"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("1799999990")]
    public void Waits_only_the_margin_for_a_reset_that_has_passed_or_is_unknown(string? reset)
    {
        var pacer = Pacer();
        Assert.Equal(Margin, pacer.UntilReset(Hooks, reset));
    }

    [Fact]
    public async Task Reserves_at_once_without_a_notice_when_the_window_has_room()
    {
        var pacer = Pacer();
        Answer(pacer, limit: 10, remaining: 1, reset: Start + 30);
        var notices = new List<RateLimitWait>();
        Assert.True(await pacer.BeforeSendAsync(Hooks, TimeSpan.Zero, notices.Add, CancellationToken.None));
        Assert.Empty(notices);
        Assert.True(pacer.TryReserve(Hooks) > TimeSpan.Zero);
    }

    [Fact]
    public async Task Returns_false_at_once_when_the_reset_is_further_than_the_longest_wait()
    {
        var pacer = Pacer();
        Answer(pacer, limit: 10, remaining: 0, reset: Start + 30);
        var notices = new List<RateLimitWait>();
        var clock = System.Diagnostics.Stopwatch.StartNew();

        Assert.False(await pacer.BeforeSendAsync(Hooks, TimeSpan.FromSeconds(29), notices.Add, CancellationToken.None));

        Assert.Empty(notices);
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task Waits_for_the_reset_then_reserves_and_tells_of_the_wait_first()
    {
        var pacer = Pacer(capacityPercent: 50);
        _now = Start + 29.95;
        Answer(pacer, limit: 10, remaining: 5, reset: Start + 30);
        var notices = new List<RateLimitWait>();

        var sent = await pacer.BeforeSendAsync(
            Hooks,
            TimeSpan.FromSeconds(5),
            notice =>
            {
                notices.Add(notice);
                _now += notice.Wait.TotalSeconds;
            },
            CancellationToken.None);

        Assert.True(sent);
        var wait = Assert.Single(notices);
        Assert.Equal(Hooks, wait.Bucket);
        Assert.Equal(5, wait.Used);
        Assert.Equal(10, wait.Limit);
        Assert.Equal(50, wait.CapacityPercent);
        AssertClose(TimeSpan.FromSeconds(0.05) + Margin, wait.Wait);
    }

    [Fact]
    public async Task Never_waits_longer_than_the_longest_wait_in_all()
    {
        // The clock never moves, so the window never turns: every wait is followed by another.
        var pacer = Pacer();
        _now = Start + 29.95;
        Answer(pacer, limit: 10, remaining: 0, reset: Start + 30);
        var notices = new List<RateLimitWait>();
        var maxWait = TimeSpan.FromSeconds(0.3);

        Assert.False(await pacer.BeforeSendAsync(Hooks, maxWait, notices.Add, CancellationToken.None));

        Assert.Equal(2, notices.Count);
        Assert.True(notices.Aggregate(TimeSpan.Zero, (sum, n) => sum + n.Wait) <= maxWait);
    }

    [Fact]
    public async Task Stops_waiting_when_cancelled()
    {
        var pacer = Pacer();
        Answer(pacer, limit: 10, remaining: 0, reset: Start + 30);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(50));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => pacer.BeforeSendAsync(Hooks, TimeSpan.FromMinutes(2), _ => { }, cancel.Token));
    }

    [Fact]
    public async Task Refuses_a_missing_notice_callback() =>
        await Assert.ThrowsAsync<ArgumentNullException>(
            () => Pacer().BeforeSendAsync(Hooks, TimeSpan.Zero, null!, CancellationToken.None));

    [Theory]
    [InlineData(100, "Rate limit of api/v1/eventhooks: 10 of 10 requests of this window used; waiting 1.50 s for the window to reset.")]
    [InlineData(50, "Rate limit of api/v1/eventhooks: 10 of 10 requests of this window used (cap 50 %); waiting 1.50 s for the window to reset.")]
    public void Tells_a_wait_in_one_line(int capacityPercent, string line) =>
        Assert.Equal(line, new RateLimitWait(Hooks, 10, 10, capacityPercent, TimeSpan.FromSeconds(1.5)).ToString());

    [Fact]
    public void Keeps_the_newer_window_when_a_slow_answer_from_the_window_before_arrives_last()
    {
        // Two requests in flight across a reset: the one sent in the new window is answered first (no room left
        // until Start + 90); the one sent just before the reset is answered after it, still naming reset Start + 30.
        var pacer = Pacer();
        Answer(pacer, limit: 10, remaining: 4, reset: Start + 30);
        _now = Start + 31;
        Answer(pacer, limit: 10, remaining: 0, reset: Start + 90);
        Answer(pacer, limit: 10, remaining: 3, reset: Start + 30, sentAt: Start + 29.9);

        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(Start + 90), pacer.Reset);
        AssertClose(TimeSpan.FromSeconds(59) + Margin, pacer.TryReserve(Hooks));
    }

    [Fact]
    public async Task Keeps_the_share_for_concurrent_callers_when_the_window_rolls_over()
    {
        // 50 % of 10: five requests per window. The window has reset, and no answer of the new one has come yet.
        var pacer = Pacer(capacityPercent: 50);
        Answer(pacer, limit: 10, remaining: 0, reset: Start + 30);
        _now = Start + 31;

        var reserved = 0;
        using var start = new ManualResetEventSlim();
        var callers = Enumerable.Range(0, 20).Select(_ => Task.Run(() =>
        {
            start.Wait();
            if (pacer.TryReserve(Hooks) == TimeSpan.Zero)
            {
                Interlocked.Increment(ref reserved);
            }
        })).ToArray();
        start.Set();
        await Task.WhenAll(callers);

        Assert.InRange(reserved, 1, 5);
    }

    [Fact]
    public void Never_lets_a_request_go_before_the_window_has_turned_on_a_server_clock_behind_ours()
    {
        // The server's clock is 30 s behind: at local Start it reads Start - 30 (Date: whole seconds, so the offset
        // is known only to lie in [-30, -29) s). Its window resets at what it calls Start - 10, i.e. local Start + 20.
        // Half a second before that, the server still counts the old, exhausted window.
        var pacer = Pacer();
        Answer(pacer, limit: 10, remaining: 0, reset: Start - 10, serverNow: Start - 30);
        _now = Start + 19.5;

        Assert.True(pacer.TryReserve(Hooks) > TimeSpan.Zero);
    }
}
