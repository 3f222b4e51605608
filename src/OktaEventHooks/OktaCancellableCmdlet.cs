using System;
using System.Collections.Concurrent;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using OktaEventHooks.Client;

namespace OktaEventHooks
{
    /// <summary>
    /// Owns the cancellation token of a command: Ctrl+C (StopProcessing) cancels the HTTP call in flight.
    /// Runs each call off the pipeline thread and relays its trace lines to the Verbose stream as they happen.
    /// </summary>
    public abstract class OktaCancellableCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource cancellation = new CancellationTokenSource();

        protected CancellationToken CancelToken => cancellation.Token;

        protected override void StopProcessing() => cancellation.Cancel();

        /// <summary>Runs <paramref name="call"/> to completion on the pipeline thread's behalf.</summary>
        protected T Invoke<T>(Func<CancellationToken, Task<T>> call)
        {
            var messages = new BlockingCollection<string>();
            Task<T> task;
            using (RequestTrace.To(line => TryAdd(messages, line)))
            {
                task = Task.Run(() => call(CancelToken), CancelToken);
            }

            task.ContinueWith(_ => messages.CompleteAdding(), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
            foreach (var message in messages.GetConsumingEnumerable())
            {
                WriteVerbose(message);
            }

            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (CancelToken.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
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
                cancellation.Dispose();
            }
        }
    }
}
