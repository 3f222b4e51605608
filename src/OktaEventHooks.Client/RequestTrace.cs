using System;
using System.Threading;

namespace OktaEventHooks.Client;

/// <summary>
/// Where trace lines of the calls made in the current async flow go. One connection can be used by
/// several runspaces at once, so the sink belongs to the caller's flow, not to the client.
/// </summary>
public static class RequestTrace
{
    private static readonly AsyncLocal<Action<string>?> Sink = new AsyncLocal<Action<string>?>();

    /// <summary>Sends trace lines of calls started in this flow to <paramref name="sink"/> until disposed.</summary>
    public static IDisposable To(Action<string> sink)
    {
        var previous = Sink.Value;
        Sink.Value = sink;
        return new Restore(previous);
    }

    internal static void Write(string line) => Sink.Value?.Invoke(line);

    /// <summary>True when someone in this flow reads the trace, so lines are worth formatting.</summary>
    internal static bool IsListening => Sink.Value != null;

    private sealed class Restore : IDisposable
    {
        private readonly Action<string>? _previous;

        public Restore(Action<string>? previous) => _previous = previous;

        public void Dispose() => Sink.Value = _previous;
    }
}
