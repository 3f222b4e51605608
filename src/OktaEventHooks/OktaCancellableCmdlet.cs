using System.Collections.Concurrent;
using System.Globalization;
using System.Management.Automation.Host;
using System.Management.Automation;
using System.Threading.Tasks;
using System.Threading;
using System;
using OktaEventHooks.Client.Http;

namespace OktaEventHooks;

/// <summary>
/// Owns the cancellation token of a command: Ctrl+C (StopProcessing) cancels the HTTP call in flight. Starts each call
/// on the pipeline thread, lets it continue on the thread pool, and meanwhile relays what it says on the pipeline
/// thread: trace lines to the Verbose stream, and long waits (a rate-limit window, a back-off) as a progress record at
/// an interactive prompt.
/// </summary>
public abstract class OktaCancellableCmdlet : PSCmdlet, IDisposable
{
    /// <summary>Waits shorter than this pass silently (they are in Verbose); longer ones are shown.</summary>
    private static readonly TimeSpan ShowWaitsFrom = TimeSpan.FromSeconds(2);

    private const int WaitActivityId = 0x4F4B;

    private readonly CancellationTokenSource _cancellation = new CancellationTokenSource();
    private bool? _verboseWanted;
    private bool? _interactive;
    private string? _leftState;

    protected CancellationToken CancelToken => _cancellation.Token;

    /// <summary>
    /// What a multi-step operation has applied so far, in words for the user ("it was deactivated and is now
    /// INACTIVE"); null when nothing is half done. Told with the error when a later step fails, and as a warning
    /// when the user stops the command. Setting it forgets <see cref="LeftStateIfRefused"/>, which belongs to the step
    /// it was set with.
    /// </summary>
    protected string? LeftState
    {
        get => _leftState;
        set
        {
            _leftState = value;
            LeftStateIfRefused = null;
        }
    }

    /// <summary>
    /// What is certain instead of <see cref="LeftState"/> when Okta refuses the step outright (a 4xx answer: nothing was
    /// written), e.g. "Okta refused the create of 'X': nothing was created."; null when the refusal needs no words.
    /// </summary>
    protected string? LeftStateIfRefused { get; private set; }

    /// <summary>Sets what a write in flight leaves: in doubt until its answer, or certainly nothing when Okta refuses it.</summary>
    protected void Writing(string inDoubt, string ifRefused)
    {
        LeftState = inDoubt;
        LeftStateIfRefused = ifRefused;
    }

    /// <summary>The write is over (done or reported): nothing is left in doubt.</summary>
    protected void Written() => LeftState = null;

    protected override void StopProcessing() => _cancellation.Cancel();

    /// <summary>
    /// The org this command works on, as verbose lines and confirmations name it: its host (and port, when not the
    /// scheme's), e.g. contoso.okta.com; null for a command that talks to no org.
    /// </summary>
    protected virtual string? OrgName => null;

    /// <summary>What the progress bar of a long wait is called: whom the command waits for.</summary>
    protected virtual string WaitActivity => "Waiting for Okta";

    /// <summary>A verbose line that names the org, so a session connected to several orgs shows which one was meant.</summary>
    protected void WriteOrgVerbose(string line) => WriteVerbose(OrgName == null ? line : $"{OrgName}: {line}");

    /// <summary>Runs <paramref name="call"/> to completion on the pipeline thread's behalf.</summary>
    protected T Invoke<T>(Func<CancellationToken, Task<T>> call)
    {
        if (call == null)
        {
            throw new ArgumentNullException(nameof(call));
        }

        var lines = (_verboseWanted ??= VerboseWanted()) ? new ConcurrentQueue<string>() : null;
        var waits = (_interactive ??= HookProgress.IsInteractive(this)) ? new ConcurrentQueue<WaitNotice>() : null;
        if (lines == null && waits == null)
        {
            // Nobody reads the trace or sees waits: skip relaying (a hot path when thousands of hooks are piped).
            return Wait(call(CancelToken));
        }

        using var signal = new SemaphoreSlim(0);
        Task<T> task;
        using (RequestTrace.To(
            lines == null ? null : line => { lines.Enqueue(line); Release(signal); },
            waits == null ? null : notice => { waits.Enqueue(notice); Release(signal); }))
        {
            // Started on the pipeline thread: its awaits continue on the thread pool (ConfigureAwait(false)),
            // while this thread relays what the call says until it completes.
            task = call(CancelToken);
        }

        task.ContinueWith(_ => Release(signal), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        var waitShown = false;
        while (true)
        {
            var completed = task.IsCompleted;
            while (lines != null && lines.TryDequeue(out var line))
            {
                WriteOrgVerbose(line);
            }

            while (waits != null && waits.TryDequeue(out var notice))
            {
                waitShown |= ShowWait(notice);
            }

            if (completed)
            {
                break;
            }

            signal.Wait();
        }

        if (waitShown)
        {
            try
            {
                WriteProgress(new ProgressRecord(WaitActivityId, WaitActivity, "Done") { RecordType = ProgressRecordType.Completed });
            }
            catch (PipelineStoppedException) when (CancelToken.IsCancellationRequested)
            {
                // Ctrl+C during a wait: the pipeline takes no more records, but the user must still be told what a
                // half-done operation left (Wait does, below).
            }
        }

        return Wait(task);
    }

    /// <summary>A long wait at a prompt: say what it waits for and until when, so the prompt does not look hung.</summary>
    private bool ShowWait(WaitNotice notice)
    {
        if (notice.Duration < ShowWaitsFrom)
        {
            return false;
        }

        var until = notice.Until.ToLocalTime().ToString("HH:mm:ss", CultureInfo.CurrentCulture);
        WriteProgress(new ProgressRecord(WaitActivityId, WaitActivity, $"Waiting {notice.Duration.TotalSeconds:0} s for {notice.What}, until {until}")
        {
            SecondsRemaining = (int)Math.Ceiling(notice.Duration.TotalSeconds),
        });
        return true;
    }

    private T Wait<T>(Task<T> task)
    {
        try
        {
            return task.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
        {
            TellLeftState("Stopped");
            throw new PipelineStoppedException();
        }
    }

    /// <summary>Tells the user, straight to the host (the pipeline is stopping), what a half-done operation left.</summary>
    protected void TellLeftState(string how)
    {
        var state = LeftState;
        LeftState = null;
        if (state == null)
        {
            return;
        }

        try
        {
            Host?.UI?.WriteWarningLine($"{how}: {state}");
        }
        catch (Exception ex) when (ex is PipelineStoppedException || ex is NotImplementedException || ex is HostException)
        {
            // A host without UI: the error or the stop itself is all the user can get.
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

    private static void Release(SemaphoreSlim signal)
    {
        try
        {
            signal.Release();
        }
        catch (ObjectDisposedException)
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
