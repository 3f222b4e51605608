using OktaEventHooks.Client.Errors;
using System;
using System.Threading;

namespace OktaEventHooks.Client.Http;

/// <summary>
/// Where trace lines and wait notices of the calls made in the current async flow go. One connection can be used by
/// several runspaces at once, so the sinks belong to the caller's flow, not to the client.
/// </summary>
public static class RequestTrace
{
    private static readonly AsyncLocal<Action<string>?> LineSink = new AsyncLocal<Action<string>?>();
    private static readonly AsyncLocal<Action<WaitNotice>?> WaitSink = new AsyncLocal<Action<WaitNotice>?>();

    /// <summary>
    /// Sends trace lines of calls started in this flow to <paramref name="lines"/> (null: nobody reads them) and
    /// notices of waits (rate limits, back-off) to <paramref name="waits"/> until disposed.
    /// </summary>
    public static IDisposable To(Action<string>? lines, Action<WaitNotice>? waits = null)
    {
        var restore = new Restore(LineSink.Value, WaitSink.Value);
        LineSink.Value = lines;
        WaitSink.Value = waits;
        return restore;
    }

    /// <summary>
    /// Writes a trace line, with <paramref name="secrets"/> and anything shaped like a credential masked and control
    /// characters escaped: a line can carry what a server or a gateway sent back.
    /// </summary>
    internal static void Write(string line, params string?[] secrets)
    {
        var sink = LineSink.Value;
        if (sink != null)
        {
            sink(SecretScrubber.WithControlsEscaped(SecretScrubber.Scrub(line, secrets)) ?? string.Empty);
        }
    }

    /// <summary>True when someone in this flow reads the trace, so lines are worth formatting.</summary>
    internal static bool IsListening => LineSink.Value != null;

    /// <summary>Tells whoever shows waits that this call is about to wait, for what and until when.</summary>
    internal static void Waiting(WaitNotice notice) => WaitSink.Value?.Invoke(notice);

    internal static void Waiting(string what, TimeSpan wait) =>
        WaitSink.Value?.Invoke(new WaitNotice(what, wait, DateTimeOffset.Now + wait));

    private sealed class Restore : IDisposable
    {
        private readonly Action<string>? _lines;
        private readonly Action<WaitNotice>? _waits;

        public Restore(Action<string>? lines, Action<WaitNotice>? waits)
        {
            _lines = lines;
            _waits = waits;
        }

        public void Dispose()
        {
            LineSink.Value = _lines;
            WaitSink.Value = _waits;
        }
    }
}

/// <summary>A call is about to wait: for what, how long, and until when (local time).</summary>
public class WaitNotice
{
    public WaitNotice(string what, TimeSpan duration, DateTimeOffset until)
    {
        What = what;
        Duration = duration;
        Until = until;
    }

    public string What { get; }

    public TimeSpan Duration { get; }

    public DateTimeOffset Until { get; }
}
