using System.Text.Json.Nodes;
using OktaEventHooks.Sandbox.Infrastructure;

namespace OktaEventHooks.Sandbox.Delivery;

/// <summary>
/// Gathers events that happen close together into one batch, as Okta does before it calls a hook: the first
/// event opens a batch, every event submitted within the window (<see cref="SandboxOptions.DeliveryBatchWindowMilliseconds"/>,
/// OktaAssumptions A11) joins it, and when the window closes the batch is delivered, one POST per hook.
/// Events submitted together are always in the same batch. Each submitter waits for its batch to be delivered.
/// </summary>
internal sealed class DeliveryBatcher(HookDeliverer deliverer, DeliveryBatchWindow window, IHostApplicationLifetime lifetime)
{
    private readonly Lock _gate = new();
    private Batch? _open;

    /// <summary>
    /// Builds the LogEvents now (their <c>published</c> time is now), writes them to the System Log, and returns their
    /// results once delivered.
    /// </summary>
    public async Task<IReadOnlyList<EventDeliveryResult>> SubmitAsync(IReadOnlyList<SyntheticEvent> events)
    {
        var published = OktaTime.NowMilliseconds();
        var logEvents = events.Select(e => LogEventBuilder.Build(e, published)).ToList();

        // As at Okta: an event is in the System Log whatever becomes of its delivery.
        deliverer.WriteToSystemLog(logEvents);
        Batch batch;
        int first;
        lock (_gate)
        {
            if (_open is null)
            {
                _open = new Batch();
                var opened = _open;
                _ = Task.Run(() => DeliverWhenClosedAsync(opened));
            }

            batch = _open;
            first = batch.LogEvents.Count;
            batch.LogEvents.AddRange(logEvents);
        }

        var results = await batch.Delivered.Task;
        return results.Skip(first).Take(logEvents.Count).ToList();
    }

    private async Task DeliverWhenClosedAsync(Batch batch)
    {
        try
        {
            // Stopping the sandbox ends the wait; the deliveries then fail fast on the same token.
            await Task.Delay(window.Length, lifetime.ApplicationStopping);
        }
        catch (OperationCanceledException)
        {
        }

        lock (_gate)
        {
            _open = null;
        }

        try
        {
            batch.Delivered.TrySetResult(await deliverer.DeliverAsync(batch.LogEvents, lifetime.ApplicationStopping));
        }
        catch (Exception ex)
        {
            batch.Delivered.TrySetException(ex);
        }
    }

    /// <summary>The events of one batch, added only under the batcher's lock and only while it is open.</summary>
    private sealed class Batch
    {
        public List<JsonObject> LogEvents { get; } = [];

        public TaskCompletionSource<IReadOnlyList<EventDeliveryResult>> Delivered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}

/// <summary>How long a delivery batch stays open for more events (OktaAssumptions A11).</summary>
internal sealed record DeliveryBatchWindow(TimeSpan Length);
