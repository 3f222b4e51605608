using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OktaEventHooks.Client;

namespace OktaEventHooks;

/// <summary>
/// Owns the cancellation token of a command: Ctrl+C (StopProcessing) cancels the HTTP call in flight.
/// Runs each call off the pipeline thread and relays its trace lines to the Verbose stream as they happen.
/// </summary>
public abstract class OktaCancellableCmdlet : PSCmdlet, IDisposable
{
    private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();

    // Every command that reaches the client derives from here; its dependencies become loadable first.
    static OktaCancellableCmdlet() => DependencyLoader.EnsureRegistered();

    protected CancellationToken CancelToken => _cancellation.Token;

    protected override void StopProcessing() => _cancellation.Cancel();

    private bool? _verboseWanted;

    /// <summary>Runs <paramref name="call"/> to completion on the pipeline thread's behalf.</summary>
    protected T Invoke<T>(Func<CancellationToken, Task<T>> call)
    {
        if (!(_verboseWanted ??= VerboseWanted()))
        {
            // Nobody reads the trace: skip relaying it (a hot path when thousands of hooks are piped).
            return Wait(call(CancelToken));
        }

        var messages = new BlockingCollection<string>();
        Task<T> task;
        using (RequestTrace.To(line => TryAdd(messages, line)))
        {
            // Started on the pipeline thread: its awaits continue on the thread pool (ConfigureAwait(false)),
            // while this thread relays trace lines until the call completes.
            task = call(CancelToken);
        }

        task.ContinueWith(_ => messages.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        foreach (var message in messages.GetConsumingEnumerable())
        {
            WriteVerbose(message);
        }

        return Wait(task);
    }

    private T Wait<T>(Task<T> task)
    {
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
        {
            throw new PipelineStoppedException();
        }
    }

    /// <summary>Whether Verbose records would be shown: -Verbose, or $VerbosePreference.</summary>
    private bool VerboseWanted()
    {
        if (MyInvocation.BoundParameters.TryGetValue("Verbose", out var bound))
        {
            return LanguagePrimitives.IsTrue(bound);
        }

        var preference = SessionState.PSVariable.GetValue("VerbosePreference");
        return LanguagePrimitives.TryConvertTo<ActionPreference>(preference, out var value)
            && value != ActionPreference.SilentlyContinue
            && value != ActionPreference.Ignore;
    }

    private static void TryAdd(BlockingCollection<string> messages, string line)
    {
        try
        {
            messages.Add(line);
        }
        catch (InvalidOperationException)
        {
            // The command has finished; a late line has nowhere to go.
        }
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            _cancellation.Dispose();
        }
    }
}
