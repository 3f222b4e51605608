using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using OktaEventHooks.Client.EventHooks;
using OktaEventHooks.Client.Http;
using OktaEventHooks.Client.SystemLog;

namespace OktaEventHooks.Client.Probe;

/// <summary>
/// Resends to a hook's endpoint the System Log events Okta would have delivered to it in a time window: the events of
/// the chosen (subscribed) types, oldest first, that the hook's filter lets through, in Okta's envelope, in batches of
/// at most <see cref="EventResendRequest.BatchSize"/>, each event exactly as the System Log returned it (its <c>uuid</c>
/// kept, so receivers that dedupe skip what they already have). Reads the log page by page through the paced reader
/// and holds at most a page and a batch. Read, take a batch, send it: between the steps the caller knows exactly what
/// was delivered and what is in flight.
/// A batch that is not delivered (4xx at once; a 5xx, timeout or broken connection after one retry) ends the resend.
/// </summary>
public sealed class EventResender
{
    /// <summary>The header that tells a receiver a delivery is a resend, not Okta's own.</summary>
    public const string ResendHeader = "X-OktaEventHooks-Resend";

    /// <summary>
    /// Events per POST unless -BatchSize says otherwise. Okta documents that it batches events close in time, not how
    /// many; 50 keeps a batch well inside a receiver's 3-second budget.
    /// </summary>
    public const int DefaultBatchSize = 50;

    /// <summary>At most one System Log page per POST.</summary>
    public const int MaxBatchSize = SystemLogQuery.MaxPageSize;

    private static readonly KeyValuePair<string, string>[] ResendHeaders = { new KeyValuePair<string, string>(ResendHeader, "true") };

    private readonly EventHookEndpointProbe _probe;
    private readonly EventResendRequest _request;
    private readonly SystemLogReader _reader;
    private readonly Dictionary<string, EventFilterExpression> _filters;
    private readonly Queue<Pending> _pending = new Queue<Pending>();
    private readonly List<Pending> _batch = new List<Pending>();
    private readonly Dictionary<string, int> _foundByType = new Dictionary<string, int>(StringComparer.Ordinal);

    public EventResender(EventHookClient client, EventHookEndpointProbe probe, EventResendRequest request)
    {
        if (client == null)
        {
            throw new ArgumentNullException(nameof(client));
        }

        _probe = probe ?? throw new ArgumentNullException(nameof(probe));
        _request = request ?? throw new ArgumentNullException(nameof(request));
        if (FilterProblem(request) is string problem)
        {
            throw new FormatException(problem);
        }

        _filters = request.Filters
            .Where(f => request.EventTypes.Contains(f.Key, StringComparer.Ordinal))
            .ToDictionary(f => f.Key, f => EventFilterExpression.Parse(f.Value), StringComparer.Ordinal);
        _reader = client.ReadSystemLog(Query(request));
    }

    /// <summary>
    /// The first filter of the chosen event types the module cannot evaluate, in words that quote it; null when all can
    /// be. Checked before anything is read or sent: a filter is never guessed.
    /// </summary>
    public static string? FilterProblem(EventResendRequest request)
    {
        if (request == null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        foreach (var filter in request.Filters.Where(f => request.EventTypes.Contains(f.Key, StringComparer.Ordinal)))
        {
            if (!EventFilterExpression.TryParse(filter.Value, out _, out var problem))
            {
                return $"The hook's filter for {filter.Key} cannot be evaluated by this module ({problem}), so which of its events Okta " +
                       $"would deliver is not known: \"{filter.Value}\". The module evaluates {EventFilterExpression.Supported}.";
            }
        }

        return null;
    }

    /// <summary>The System Log query of a resend: the window and the chosen types, oldest first.</summary>
    public static SystemLogQuery Query(EventResendRequest request)
    {
        if (request == null)
        {
            throw new ArgumentNullException(nameof(request));
        }

        var query = new SystemLogQuery(request.Since, request.Until);
        foreach (var type in request.EventTypes)
        {
            query.EventTypes.Add(type);
        }

        return query;
    }

    public EventResendRequest Request => _request;

    /// <summary>True once everything is sent, or the resend has failed.</summary>
    public bool Done { get; private set; }

    /// <summary>Events of the chosen types found in the window so far.</summary>
    public int Found { get; private set; }

    /// <summary>Found events the hook's filter turned away.</summary>
    public int FilteredOut { get; private set; }

    /// <summary>Events delivered (or, in a dry run, that would be sent).</summary>
    public int Sent { get; private set; }

    public int Batches { get; private set; }

    /// <summary>The <c>published</c> time of the first and of the last event delivered.</summary>
    public DateTimeOffset? FirstSent { get; private set; }

    public DateTimeOffset? LastSent { get; private set; }

    /// <summary>The events of the batch being sent: how many, and the <c>published</c> time of its first.</summary>
    public int InFlight { get; private set; }

    public DateTimeOffset? InFlightFrom { get; private set; }

    /// <summary>How the failed batch ended, in words; null unless the resend failed.</summary>
    public EndpointDelivery? Failure { get; private set; }

    /// <summary>Where a new resend would start to deliver what this one did not: the first event not delivered.</summary>
    public DateTimeOffset ResumeSince => InFlightFrom ?? _pending.FirstOrDefault()?.Published ?? (LastSent ?? _request.Since);

    /// <summary>Found events by type, for a dry run's summary.</summary>
    public IReadOnlyDictionary<string, int> FoundByType => _foundByType;

    /// <summary>The System Log reader, for how much of the window has been read.</summary>
    public SystemLogReader Reader => _reader;

    /// <summary>
    /// Reads pages until a batch is ready or the window is read; in a dry run, reads the next page and counts what
    /// would be sent. True when a batch is ready for <see cref="TakeBatch"/>.
    /// </summary>
    public async Task<bool> ReadAsync(CancellationToken cancellationToken)
    {
        if (Done)
        {
            return false;
        }

        if (_request.DryRun)
        {
            await ReadPageAsync(cancellationToken).ConfigureAwait(false);
            Sent += _pending.Count;
            _pending.Clear();
            Done = _reader.Done;
            return false;
        }

        while (_pending.Count < _request.BatchSize && !_reader.Done)
        {
            await ReadPageAsync(cancellationToken).ConfigureAwait(false);
        }

        Done = _pending.Count == 0;
        return !Done;
    }

    /// <summary>Takes the next batch off what was read: from now on it is <see cref="InFlight"/>.</summary>
    public void TakeBatch()
    {
        while (_batch.Count < _request.BatchSize && _pending.Count > 0)
        {
            _batch.Add(_pending.Dequeue());
        }

        InFlight = _batch.Count;
        InFlightFrom = _batch.Count > 0 ? _batch[0].Published : null;
    }

    /// <summary>Delivers the batch taken; false (and <see cref="Failure"/>, and <see cref="Done"/>) when it was not delivered.</summary>
    public async Task<bool> SendBatchAsync(CancellationToken cancellationToken)
    {
        if (_batch.Count == 0)
        {
            throw new InvalidOperationException("TakeBatch has not taken a batch.");
        }

        var body = EventHookEndpointProbe.Envelope(_request.Source, _batch.Select(e => e.Json));
        var delivery = await _probe.DeliverAsync(_request.Endpoint, body, ResendHeaders, cancellationToken).ConfigureAwait(false);
        if (!delivery.Delivered)
        {
            Failure = delivery;
            Done = true;
            return false;
        }

        Batches++;
        Sent += _batch.Count;
        FirstSent ??= _batch[0].Published;
        LastSent = _batch[_batch.Count - 1].Published ?? LastSent;
        _batch.Clear();
        InFlight = 0;
        InFlightFrom = null;
        RequestTrace.Write(string.Format(CultureInfo.InvariantCulture, "Resent batch {0}; {1} events in all.", Batches, Sent));
        return true;
    }

    private async Task ReadPageAsync(CancellationToken cancellationToken)
    {
        var page = await _reader.ReadPageAsync(cancellationToken).ConfigureAwait(false);
        foreach (var record in page ?? Array.Empty<EventHookLogRecord>())
        {
            if (!_request.EventTypes.Contains(record.EventType, StringComparer.Ordinal))
            {
                continue;
            }

            Found++;
            _foundByType[record.EventType] = _foundByType.TryGetValue(record.EventType, out var count) ? count + 1 : 1;
            if (_filters.TryGetValue(record.EventType, out var filter) && !filter.Matches(Parse(record.RawJson)))
            {
                FilteredOut++;
                continue;
            }

            var published = record.Published is DateTime at ? new DateTimeOffset(at) : (DateTimeOffset?)null;
            _pending.Enqueue(new Pending(record.RawJson, published));
        }
    }

    private static JObject Parse(string json) =>
        JsonConvert.DeserializeObject<JObject>(json, JsonSettings.Reading) ?? new JObject();

    private sealed class Pending
    {
        public Pending(string json, DateTimeOffset? published)
        {
            Json = json;
            Published = published;
        }

        public string Json { get; }

        public DateTimeOffset? Published { get; }
    }
}

/// <summary>What a resend sends where: the hook's endpoint (with its secret), the window, the types and their filters.</summary>
public sealed class EventResendRequest
{
    public EventResendRequest(EventHookDefinition endpoint, string source, DateTimeOffset since, DateTimeOffset until, IReadOnlyList<string> eventTypes)
    {
        Endpoint = endpoint ?? throw new ArgumentNullException(nameof(endpoint));
        Source = source ?? throw new ArgumentNullException(nameof(source));
        Since = since;
        Until = until;
        EventTypes = eventTypes ?? throw new ArgumentNullException(nameof(eventTypes));
    }

    /// <summary>The hook's Uri, custom headers and auth header (name and value).</summary>
    public EventHookDefinition Endpoint { get; }

    /// <summary>The envelope's <c>source</c>: the hook's URL at the org, as Okta sends it.</summary>
    public string Source { get; }

    public DateTimeOffset Since { get; }

    public DateTimeOffset Until { get; }

    public IReadOnlyList<string> EventTypes { get; }

    /// <summary>Event type to the hook's filter expression for it.</summary>
    public IReadOnlyDictionary<string, string> Filters { get; set; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public int BatchSize { get; set; } = EventResender.DefaultBatchSize;

    /// <summary>Read and count only; send nothing.</summary>
    public bool DryRun { get; set; }
}
